package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Json;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.EchoUpstream;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MCP flow with the official MCP TypeScript SDK client: this test starts the local runner, a
 * real authorization server with its interactive login page (mock-oauth2-server, as the
 * connection-flow tests use) and a GitHub-like API on loopback that answers {@code GET /user}
 * for any bearer token, echoing the Authorization header it received (so the tool result must
 * have it redacted) and remembering every token. It then runs {@code clients/mcp-e2e/*.test.mjs}
 * ({@code @modelcontextprotocol/sdk} + playwright-core), which reads what to use from a fixture
 * file. A non-zero exit fails this test.
 *
 * <p>Needs node, /usr/bin/chromium and clients/mcp-e2e's node modules ({@code npm ci}, which
 * bin/test runs).
 */
@ExtendWith(LocalAwsExtension.class)
class McpFlowTest {
    static final String CLIENT_SECRET = "canary-mcp-client-secret-31a7";

    private static LocalRunner runner;
    private static MockOAuth2Server provider;
    private static EchoUpstream api;
    private static String key;
    private static Path fixture;
    private static Path e2e;
    private static final List<String> bearerTokens = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        e2e = dev.keyway.provisioning.Template.locate().getParent().resolve("clients/mcp-e2e");
        assertThat(e2e.resolve("node_modules/@modelcontextprotocol/sdk")).as("clients/mcp-e2e/node_modules is missing:"
                + " run npm ci in clients/mcp-e2e (bin/test does)").exists();
        runner = LocalRunner.start(aws.stack(), 0);
        provider = new MockOAuth2Server(new OAuth2Config(true));
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        api = new EchoUpstream(Map.of(
                "/api/user", McpFlowTest::user,
                "/tokens", exchange -> send(exchange, 200, Json.write(bearerTokens))));

        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        var app = admin.createApp("Agent builder", true, "test");
        key = admin.createKey(app.id(), "test").secretKey();
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/connectors/github"))
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"provider": "custom", "displayName": "GitHub-like", "baseUrl": "%s/api",
                         "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "keyway-mcp", "clientSecret": "%s",
                           "scopes": ["openid", "repo"], "authorizationUrl": "%s", "tokenUrl": "%s"}]}
                        """.formatted(api.baseUrl(), CLIENT_SECRET, provider.authorizationEndpointUrl("gh"),
                        provider.tokenEndpointUrl("gh"))))
                .header("authorization", "Bearer " + key).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("baseUrl", runner.baseUrl());
        values.put("apiKey", key);
        values.put("clientSecret", CLIENT_SECRET);
        values.put("upstreamTokensUrl", api.baseUrl() + "/tokens");
        fixture = Files.createTempFile("keyway-mcp", ".json");
        Files.writeString(fixture, Json.write(values));
    }

    @AfterAll
    static void stop() throws IOException {
        if (runner != null) {
            runner.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
        if (api != null) {
            api.close();
        }
        if (fixture != null) {
            Files.deleteIfExists(fixture);
        }
    }

    @Test
    void mcpTypeScriptSdk_inlineConnectInChromium_thenTheSameToolCallWorks() throws Exception {
        int exit = NodeRun.test(e2e, fixture, 5, e2e.resolve("mcp.test.mjs"));
        assertThat(exit).as("node --test clients/mcp-e2e/mcp.test.mjs (output above; -1: timed out)").isZero();
        assertThat(bearerTokens).as("the GitHub-like API was called with the user's access token").isNotEmpty();
    }

    /** {@code GET /user}: who the token belongs to, and the Authorization header as received (a secret to redact). */
    private static void user(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() < 20) {
            send(exchange, 401, "{\"message\":\"Requires authentication\"}");
            return;
        }
        bearerTokens.add(authorization.substring("Bearer ".length()));
        send(exchange, 200, Json.write(Map.of("login", "ada", "id", 1, "receivedAuthorization", authorization)));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
