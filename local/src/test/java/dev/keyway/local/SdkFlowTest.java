package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser SDK ({@code clients/js}, {@code @keyway/connect}) and its React layer
 * ({@code clients/react}) in headless Chromium: this test starts the local runner, a real
 * authorization server with its interactive login page (mock-oauth2-server) behind a token
 * endpoint that records what it issues, and an app origin on loopback that serves the built
 * bundles, the e2e test page and an API-key verification endpoint. It then runs
 * {@code clients/e2e/*.test.mjs} (node:test + playwright-core), which read what to use from a
 * fixture file. A non-zero exit fails this test.
 *
 * <p>Needs node, /usr/bin/chromium, {@code clients/js/dist} and {@code clients/react/dist} (npm
 * run build) and clients/e2e's node modules: bin/test prepares all of them.
 * {@code KEYWAY_SCREENSHOTS=dir} makes the run save the React component's screenshots there.
 */
@ExtendWith(LocalAwsExtension.class)
class SdkFlowTest {
    static final String GOOD_KEY = "canary-sdk-good-api-key-7c31";
    static final String CLIENT_SECRET = "canary-sdk-client-secret-e94b";
    /** What the page is allowed to load and call: its own origin and Keyway's; no inline script or style. */
    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' %1$s; frame-src %1$s; form-action 'self'; base-uri 'none'; object-src 'none'";

    private static LocalRunner runner;
    private static MockOAuth2Server provider;
    private static EchoUpstream tokens;
    private static EchoUpstream app;
    private static String key;
    private static Path fixture;
    private static Path clients;
    /** Every token the authorization server issued (access, refresh, id), as the page must never see them. */
    private static final List<String> issued = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        clients = dev.keyway.provisioning.Template.locate().getParent().resolve("clients");
        for (String built : List.of("js/dist/index.js", "react/dist/index.js", "react/dist/styles.css", "e2e/node_modules")) {
            assertThat(clients.resolve(built)).as("clients/" + built + " is missing: build the SDKs and install the e2e "
                    + "modules first (bin/test does: npm ci && npm run build in clients/js and clients/react, npm ci in clients/e2e)")
                    .exists();
        }
        runner = LocalRunner.start(aws.stack(), 0);
        provider = new MockOAuth2Server(new OAuth2Config(true));
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        String realTokenUrl = provider.tokenEndpointUrl("acme").toString();
        tokens = new EchoUpstream(Map.of(
                "/token", exchange -> recordTokens(exchange, realTokenUrl),
                "/issued", exchange -> send(exchange, 200, "application/json", Json.write(issued), Map.of())));
        app = new EchoUpstream(Map.of(
                "/pages/", exchange -> serve(exchange, clients.resolve("e2e/pages"), "/pages/"),
                "/build/", exchange -> serve(exchange, clients.resolve("e2e/build"), "/build/"),
                "/react/", exchange -> serve(exchange, clients.resolve("react/dist"), "/react/"),
                "/sdk/", exchange -> serve(exchange, clients.resolve("js/dist"), "/sdk/"),
                "/api/verify", exchange -> {
                    boolean good = GOOD_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"));
                    send(exchange, good ? 200 : 401, "application/json", good ? "{\"ok\":true}" : "{\"error\":\"bad key\"}",
                            Map.of());
                }));
        String appOrigin = app.baseUrl();

        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        var created = admin.createApp("Acme Portal", true, "test");
        admin.setAllowedOrigins(created.id(), List.of(appOrigin), "test");
        key = admin.createKey(created.id(), "test").secretKey();

        put("acme", """
                {"provider": "custom", "displayName": "Acme ID", "baseUrl": "%s",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "keyway-client", "clientSecret": "%s",
                   "scopes": ["openid", "read"], "authorizationUrl": "%s", "tokenUrl": "%s"}]}
                """.formatted(provider.issuerUrl("acme"), CLIENT_SECRET, provider.authorizationEndpointUrl("acme"),
                tokens.baseUrl() + "/token"));
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
        values.put("clientSecret", CLIENT_SECRET);
        values.put("issuedTokensUrl", tokens.baseUrl() + "/issued");
        fixture = Files.createTempFile("keyway-sdk", ".json");
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
        if (tokens != null) {
            tokens.close();
        }
        if (app != null) {
            app.close();
        }
        if (fixture != null) {
            Files.deleteIfExists(fixture);
        }
    }

    @Test
    void sdkAndReactFlows_inHeadlessChromium() throws Exception {
        Path e2e = clients.resolve("e2e");
        Path[] files;
        try (Stream<Path> listed = Files.list(e2e)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".test.mjs")).sorted().toArray(Path[]::new);
        }
        assertThat(files).as("clients/e2e has test files").isNotEmpty();
        int exit = NodeRun.test(e2e, fixture, 10, files);
        assertThat(exit).as("node --test clients/e2e/*.test.mjs (output above; -1: did not finish in time)").isZero();

        // The browser really connected accounts: seen through the API, not the page.
        JsonNode accounts = Json.mapper().readTree(call("GET", "/v1/linked-accounts").body()).get("data");
        assertThat(accounts.size()).isGreaterThanOrEqualTo(4);
        assertThat(issued).as("the authorization server issued tokens during the run").isNotEmpty();
    }

    /** The token endpoint, passed through to mock-oauth2-server; every token in its answers is remembered. */
    private static void recordTokens(HttpExchange exchange, String realTokenUrl) throws IOException {
        EchoUpstream.Seen request = tokens.last();
        var forward = HttpRequest.newBuilder(URI.create(realTokenUrl))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .header("Content-Type", request.header("Content-Type"));
        if (request.header("Authorization") != null) {
            forward.header("Authorization", request.header("Authorization"));
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(forward.build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.mapper().readTree(response.body());
            for (String field : List.of("access_token", "refresh_token", "id_token")) {
                if (body.hasNonNull(field)) {
                    issued.add(body.get(field).asText());
                }
            }
            send(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * A file under {@code root}, the way a static host would serve it. HTML pages get a strict CSP
     * (no inline script or style), and {@code ?coop=1} adds {@code Cross-Origin-Opener-Policy:
     * same-origin}, which cuts a cross-origin popup off from its opener.
     */
    private static void serve(HttpExchange exchange, Path root, String prefix) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(prefix.length());
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", "not found: " + exchange.getRequestURI().getPath(), Map.of());
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (name.endsWith(".html")) {
            headers.put("Content-Security-Policy", PAGE_CSP.formatted(runner.baseUrl()));
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && List.of(query.split("&")).contains("coop=1")) {
                headers.put("Cross-Origin-Opener-Policy", "same-origin");
            }
        }
        byte[] body = Files.readAllBytes(file);
        send(exchange, 200, contentType(name), body, headers);
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".map") || name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
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

    private static void send(HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
