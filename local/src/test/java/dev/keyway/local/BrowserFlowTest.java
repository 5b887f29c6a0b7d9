package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Json;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.EchoUpstream;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
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
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hosted flows in a real browser: this test starts the local runner, a real authorization
 * server with its interactive login page (mock-oauth2-server), a verification endpoint for an
 * API-key connector and an "app" page on its own origin, then hands over to
 * {@code local/browser/flows.test.mjs}: headless Chromium driven by playwright-core, with axe-core
 * on every portal page. The Node run reads what to use from a fixture file and asserts through the
 * Keyway API; a non-zero exit fails this test.
 *
 * <p>Needs node and /usr/bin/chromium (.ci/run installs both). {@code KEYWAY_SCREENSHOTS=dir}
 * makes the run save every page, light and dark, desktop and 360 px ({@code bin/screenshots}).
 */
@ExtendWith(LocalAwsExtension.class)
class BrowserFlowTest {
    static final String GOOD_KEY = "canary-good-api-key-5d1e";
    private static LocalRunner runner;
    private static MockOAuth2Server provider;
    private static EchoUpstream upstream;
    private static String key;
    private static Path fixture;

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        runner = LocalRunner.start(aws.stack(), 0);
        provider = new MockOAuth2Server(new OAuth2Config(true));
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        upstream = new EchoUpstream(Map.of(
                "/app.html", exchange -> send(exchange, 200, "text/html", appPage()),
                "/done", exchange -> send(exchange, 200, "text/html", "<!doctype html><title>Back in the app</title><h1>Back in the app</h1>"),
                "/api/verify", exchange -> {
                    boolean good = GOOD_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"));
                    send(exchange, good ? 200 : 401, "application/json", good ? "{\"ok\":true}" : "{\"error\":\"bad key\"}");
                }));
        String appOrigin = upstream.baseUrl();

        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        var app = admin.createApp("Acme Portal", true, "test");
        admin.setAllowedOrigins(app.id(), List.of(appOrigin), "test");
        key = admin.createKey(app.id(), "test").secretKey();

        put("acme", """
                {"provider": "custom", "displayName": "Acme ID", "baseUrl": "%s",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "keyway-client", "clientSecret": "canary-browser-client-secret",
                   "scopes": ["openid", "read"], "authorizationUrl": "%s", "tokenUrl": "%s"}]}
                """.formatted(provider.issuerUrl("acme"), provider.authorizationEndpointUrl("acme"), provider.tokenEndpointUrl("acme")));
        put("keyed", """
                {"provider": "custom", "displayName": "Keyed CRM", "baseUrl": "%s/api",
                 "verification": {"method": "GET", "path": "/verify"},
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"},
                   "labels": {"apiKey": "CRM API key", "help": "Find it under Settings, then API."}}]}
                """.formatted(appOrigin));
        put("plain", """
                {"provider": "custom", "displayName": "Plain Tickets", "baseUrl": "%s/api",
                 "authMethods": [{"id": "basic", "type": "BASIC"}]}
                """.formatted(appOrigin));

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("baseUrl", runner.baseUrl());
        values.put("apiKey", key);
        values.put("appOrigin", appOrigin);
        values.put("goodApiKey", GOOD_KEY);
        fixture = Files.createTempFile("keyway-browser", ".json");
        Files.writeString(fixture, Json.write(values));
    }

    @AfterAll
    static void stop() {
        runner.close();
        provider.shutdown();
        upstream.close();
    }

    @Test
    void hostedFlows_inHeadlessChromium() throws Exception {
        Path root = dev.keyway.provisioning.Template.locate().getParent();
        Path browser = root.resolve("local/browser");
        int exit = NodeRun.test(browser, fixture, 10, browser.resolve("flows.test.mjs"));
        assertThat(exit).as("node --test local/browser/flows.test.mjs (output above; -1: did not finish in time)").isZero();

        // What the browser did is in the table too, seen through the API rather than the page.
        var accounts = Json.mapper().readTree(call("GET", "/v1/linked-accounts").body()).get("data");
        assertThat(accounts.size()).isGreaterThanOrEqualTo(3);
    }

    private static void put(String connector, String body) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/connectors/" + connector))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("authorization", "Bearer " + key)
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The app's own page: opens the portal in a popup and keeps every message it receives. */
    private static String appPage() {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme app</title></head>
                <body><h1>Acme app</h1><button id="connect">Connect</button><pre id="messages"></pre>
                <script>
                  window.keywayMessages = [];
                  window.addEventListener('message', (event) => {
                    window.keywayMessages.push({ origin: event.origin, data: event.data });
                    document.getElementById('messages').textContent = JSON.stringify(window.keywayMessages);
                  });
                  document.getElementById('connect').addEventListener('click', () => {
                    window.open(window.connectUrl + '&origin=' + encodeURIComponent(location.origin), 'keyway', 'width=480,height=720');
                  });
                </script></body></html>
                """;
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
