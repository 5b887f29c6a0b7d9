package dev.keyway.bench.refresh;

import dagger.Component;
import dev.keyway.apps.AppAdminService;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.core.KeywayConfig;
import dev.keyway.linkedaccounts.CredentialImportService;
import dev.keyway.linkedaccounts.ScheduledRefresh;
import dev.keyway.linkedaccounts.TokenRefresher;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bench's object graph, from the modules the refresh function's own component uses
 * ({@code RefreshComponent}), so {@link #scheduler()} is built as in Lambda (its cipher, its token
 * client, the system clock, the SDK clients), except for the SDK's socket timeout: see
 * {@link BenchAwsModule}. The seeding services share the graph, as the functions of one deployment
 * share the table and the key set.
 */
@Singleton
@Component(modules = {BenchAwsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class})
interface RefreshServices {
    ScheduledRefresh scheduler();

    /** The scheduler's own refresher (a singleton of the graph): the warm-up calls it directly. */
    TokenRefresher refresher();

    AppAdminService apps();

    ConnectorService connectors();

    CredentialImportService imports();

    DynamoDbClient dynamoDb();

    KeywayConfig config();
}
