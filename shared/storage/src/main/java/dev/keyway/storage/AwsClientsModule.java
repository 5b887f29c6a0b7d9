package dev.keyway.storage;

import dagger.Module;
import dagger.Provides;
import java.time.Duration;
import javax.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The one place SDK clients are built. Dagger keeps them {@code @Singleton}, so each Lambda
 * container builds them once during init and reuses them for every invocation.
 */
@Module(includes = AwsServicesModule.class)
public final class AwsClientsModule {
    private AwsClientsModule() {
    }

    /** The JDK's HttpURLConnection: no Netty or Apache client in function jars, the fastest cold start. */
    @Provides
    @Singleton
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }
}
