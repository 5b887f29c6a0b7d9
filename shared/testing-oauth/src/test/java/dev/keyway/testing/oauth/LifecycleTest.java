package dev.keyway.testing.oauth;

import static dev.keyway.testing.oauth.TokenEndpointClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.testing.oauth.RotatingAuthorizationServer.Settings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void startAndClose_twiceInOneJvm_shouldServeEachTimeAndFreeThePort() {
        for (int round = 0; round < 2; round++) {
            long started = System.nanoTime();
            int port;
            try (var server = RotatingAuthorizationServer.start()) {
                System.out.printf("round %d: started in %d ms%n", round, (System.nanoTime() - started) / 1_000_000);
                port = URI.create(server.tokenUrl()).getPort();
                assertThat(server.tokenUrl()).isEqualTo("http://127.0.0.1:" + port + "/oauth2/token");
                var issued = server.issue("alice", Set.of("read"));
                assertThat(new TokenEndpointClient(server).refresh(issued.refreshToken()).statusCode()).isEqualTo(200);
            }
            assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void twoServers_shouldKeepTheirClientsAndGrantsApart() {
        try (var one = RotatingAuthorizationServer.start(); var two = RotatingAuthorizationServer.start()) {
            var issued = one.issue("alice", Set.of("read"));

            assertThat(two.clientSecret()).isNotEqualTo(one.clientSecret());
            assertThat(new TokenEndpointClient(two).userInfo(issued.accessToken()).statusCode()).isEqualTo(401);
            assertThat(new TokenEndpointClient(one).userInfo(issued.accessToken()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void expiredAccessToken_shouldBeUnauthorizedWhileItsRefreshTokenStillWorks() throws Exception {
        try (var server = RotatingAuthorizationServer.start(new Settings(Duration.ofSeconds(1), Duration.ofDays(1)))) {
            var client = new TokenEndpointClient(server);
            var issued = server.issue("alice", Set.of("read"));
            assertThat(client.userInfo(issued.accessToken()).statusCode()).isEqualTo(200);

            Thread.sleep(Duration.between(java.time.Instant.now(), issued.expiresAt()).plusMillis(100));

            assertThat(client.userInfo(issued.accessToken()).statusCode()).isEqualTo(401);
            Map<String, Object> refreshed = json(client.refresh(issued.refreshToken()));
            assertThat(refreshed.get("expires_in")).isIn(0, 1);
            assertThat(client.userInfo((String) refreshed.get("access_token")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void close_whileATokenRequestIsDelayed_shouldNotWaitForTheDelay() throws Exception {
        var server = RotatingAuthorizationServer.start();
        server.delayTokenResponses(Duration.ofSeconds(30));
        var pending = TokenEndpointClient.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.discarding());
        while (server.tokenRequests() == 0) {
            Thread.sleep(10);
        }

        long start = System.nanoTime();
        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        pending.handle((response, error) -> null).get(5, TimeUnit.SECONDS);
    }

    @Test
    void settings_shouldRejectLifetimesThatAreNotPositive() {
        assertThatThrownBy(() -> new Settings(Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(Duration.ofMinutes(5), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
