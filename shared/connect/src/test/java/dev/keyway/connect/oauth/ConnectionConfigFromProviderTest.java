package dev.keyway.connect.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.keyway.connectors.catalog.ConfigSource;
import dev.keyway.connectors.catalog.ConnectionConfigField;
import dev.keyway.testing.EchoUpstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection-config values a provider hands over after consent: on the callback, or from a post-connect call. */
class ConnectionConfigFromProviderTest {
    private static ConnectionConfigField field(String name, ConfigSource source, String pointer, String url, String param) {
        return new ConnectionConfigField(name, name, null, source, null, pointer, url, null, param, null);
    }

    @Test
    void callbackQueryFields_comeFromTheirParameter() {
        var realm = field("realmId", ConfigSource.CALLBACK_QUERY, null, null, "realmId");
        var other = field("instance_url", ConfigSource.TOKEN_RESPONSE, "/instance_url", null, null);
        assertThat(CallbackConfig.fromQuery(List.of(realm, other), Map.of("code", "c", "state", "s", "realmId", "9130")))
                .containsExactly(Map.entry("realmId", "9130"));
    }

    @Test
    void discoveryFields_areReadWithTheNewToken() {
        try (var provider = new EchoUpstream(Map.of("/oauth/token/accessible-resources", exchange -> json(exchange,
                "[{\"id\":\"1324a887-45db-1bf4-1e99-ef0ff456d421\",\"name\":\"acme\"}]")))) {
            var cloudId = field("cloudId", ConfigSource.DISCOVERY, "/0/id",
                    provider.baseUrl() + "/oauth/token/accessible-resources", null);

            var values = new ConnectionConfigDiscovery().discover(List.of(cloudId), "at-123", true);

            assertThat(values).containsEntry("cloudId", "1324a887-45db-1bf4-1e99-ef0ff456d421");
            assertThat(provider.last().header("Authorization")).isEqualTo("Bearer at-123");
        }
    }

    @Test
    void aFailedOrEmptyDiscovery_isAFailure_withoutTheToken() {
        try (var provider = new EchoUpstream(Map.of("/empty", exchange -> json(exchange, "[]")))) {
            var cloudId = field("cloudId", ConfigSource.DISCOVERY, "/0/id", provider.baseUrl() + "/empty", null);
            assertThatThrownBy(() -> new ConnectionConfigDiscovery().discover(List.of(cloudId), "at-secret-9", true))
                    .isInstanceOf(ConnectionConfigDiscovery.DiscoveryFailed.class)
                    .hasMessageNotContaining("at-secret-9");
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
