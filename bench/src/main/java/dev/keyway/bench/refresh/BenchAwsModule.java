package dev.keyway.bench.refresh;

import dagger.Module;
import dagger.Provides;
import dev.keyway.core.KeywayConfig;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code AwsClientsModule} (keyway-storage) as the bench needs it: the same clients (the JDK's
 * {@code UrlConnectionHttpClient}, the same 2 s connection timeout, credentials from system
 * properties, explicit region, the endpoint override, the system clock), with one difference: a
 * socket timeout of {@link #SOCKET_TIMEOUT} instead of 5 s. moto answers a Query on a global
 * secondary index by sorting and scanning the whole table, which at 100,000 linked accounts takes
 * longer than 5 s per query; DynamoDB reads only the partition. Without this, every index query of
 * the scheduler would time out on moto at that size and be retried. Nothing else differs from the
 * refresh function's graph.
 */
@Module
final class BenchAwsModule {
    static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(5);

    private BenchAwsModule() {
    }

    @Provides
    @Singleton
    static KeywayConfig config() {
        return KeywayConfig.fromEnvironment();
    }

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    /** The bench publishes the local endpoint's credentials as system properties (as the tests do). */
    @Provides
    @Singleton
    static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create())
                .reuseLastProviderEnabled(true)
                .build();
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(KeywayConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = DynamoDbClient.builder().httpClient(http).credentialsProvider(credentials)
                .region(Region.of(config.region()));
        config.awsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Provides
    @Singleton
    static SecretsManagerClient secretsManager(KeywayConfig config, SdkHttpClient http,
                                               AwsCredentialsProvider credentials) {
        var builder = SecretsManagerClient.builder().httpClient(http).credentialsProvider(credentials)
                .region(Region.of(config.region()));
        config.awsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
