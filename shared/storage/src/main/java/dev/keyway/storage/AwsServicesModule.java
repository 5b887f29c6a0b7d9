package dev.keyway.storage;

import dagger.Module;
import dagger.Provides;
import dev.keyway.core.KeywayConfig;
import java.net.URI;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SDK clients and what they are built from, except the HTTP client: {@link AwsClientsModule}
 * adds the functions' one, and a caller with other timeouts (the refresh bench) brings its own.
 */
@Module
public final class AwsServicesModule {
    private AwsServicesModule() {
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

    /**
     * Lambda puts credentials in environment variables; the local runner and tests use system
     * properties; the admin CLI on a laptop uses a profile. The chain stops at the first that
     * answers, so in Lambda the profile lookup (and the default chain's IMDS probe) never runs.
     */
    @Provides
    @Singleton
    static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        ProfileCredentialsProvider.create())
                .reuseLastProviderEnabled(true)
                .build();
    }

    /**
     * The SDK's standard retry mode: 3 attempts, so a short throttling burst is still absorbed,
     * with a throttling backoff of a few seconds at most. The SDK's default for DynamoDB (legacy
     * mode, 9 attempts, throttling backoff up to 20 s) kept a request retrying for about 35 s
     * under sustained throttling (faults/ThrottlingTest): past the authorizer's 5 s timeout and
     * API Gateway's 30 s, so callers saw a gateway error instead of Keyway's retryable 503.
     */
    static ClientOverrideConfiguration boundedRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build();
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDb(KeywayConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = DynamoDbClient.builder()
                .overrideConfiguration(boundedRetries())
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(Region.of(config.region()));
        config.awsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Overrides the Secrets Manager endpoint only; unset in AWS. */
    public static final String SECRETS_ENDPOINT = "KEYWAY_SECRETS_ENDPOINT";

    @Provides
    @Singleton
    static SecretsManagerClient secretsManager(KeywayConfig config, SdkHttpClient http,
                                               AwsCredentialsProvider credentials) {
        var builder = SecretsManagerClient.builder()
                .overrideConfiguration(boundedRetries())
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(Region.of(config.region()));
        // KEYWAY_SECRETS_ENDPOINT: Secrets Manager alone elsewhere (the fault suite makes it unreachable
        // while DynamoDB answers); otherwise the one local endpoint, or AWS's own.
        KeywayConfig.setting(SECRETS_ENDPOINT).map(URI::create).or(config::awsEndpoint)
                .ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
