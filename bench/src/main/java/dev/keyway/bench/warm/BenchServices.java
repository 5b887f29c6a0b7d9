package dev.keyway.bench.warm;

import dagger.Component;
import dev.keyway.apps.AppAdminService;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.core.KeywayConfig;
import dev.keyway.linkedaccounts.CredentialImportService;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bench's own object graph, from the modules the functions use: the services that put the
 * app, the connector and the linked account in place, and the DynamoDB client of the bare
 * {@code GetItem}, built by {@link AwsClientsModule} itself (the JDK's {@code UrlConnectionHttpClient},
 * the same timeouts, credentials chain and endpoint as every function's). A separate graph from
 * the handlers', so a separate client: nothing is shared with the code being measured but the JVM.
 */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class})
interface BenchServices {
    AppAdminService apps();

    ConnectorService connectors();

    CredentialImportService imports();

    DynamoDbClient dynamoDb();

    KeywayConfig config();
}
