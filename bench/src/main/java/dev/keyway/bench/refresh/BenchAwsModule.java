package dev.keyway.bench.refresh;

import dagger.Module;
import dagger.Provides;
import dev.keyway.storage.AwsServicesModule;
import java.time.Duration;
import javax.inject.Singleton;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@code AwsClientsModule} (keyway-storage) as the bench needs it: the same clients
 * ({@link AwsServicesModule}: credentials, region, endpoint override, retry mode, clock) over the
 * same JDK {@code UrlConnectionHttpClient} with the same 2 s connection timeout, with one
 * difference: a socket timeout of {@link #SOCKET_TIMEOUT} instead of 5 s. moto answers a Query on a global
 * secondary index by sorting and scanning the whole table, which at 100,000 linked accounts takes
 * longer than 5 s per query; DynamoDB reads only the partition. Without this, every index query of
 * the scheduler would time out on moto at that size and be retried. Nothing else differs from the
 * refresh function's graph.
 */
@Module(includes = AwsServicesModule.class)
final class BenchAwsModule {
    static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(5);

    private BenchAwsModule() {
    }

    @Provides
    @Singleton
    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }
}
