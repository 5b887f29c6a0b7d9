package dev.keyway.functions.auditpublisher;

import dagger.Module;
import dagger.Provides;
import dev.keyway.core.KeywayConfig;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The EventBridge client, built like AwsClientsModule's clients (same HTTP client, credentials,
 * region, endpoint). It lives here, not in shared/storage, so no other function's jar carries
 * the EventBridge SDK.
 */
@Module
final class EventBridgeModule {
    private EventBridgeModule() {
    }

    @Provides
    @Singleton
    static EventBridgeClient eventBridge(KeywayConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = EventBridgeClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(Region.of(config.region()));
        config.awsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
