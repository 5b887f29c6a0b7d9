package dev.keyway.functions.proxy;

import dev.keyway.testing.EchoUpstream;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;
import dev.keyway.proxy.ProxyService;
import dev.keyway.proxy.UnauthorizedRetry;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import dev.keyway.upstream.UpstreamClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy end to end: the handler Lambda runs, the real linked-account services on the local
 * AWS endpoint, and a real HTTP upstream on 127.0.0.1 that echoes what it received. Every stored
 * secret is a unique marker; no response may contain one.
 */
@ExtendWith(LocalAwsExtension.class)
class ProxyApiTest {
    private static final String APP_KEY = "sk_live_app_key_must_not_be_forwarded";
    private static final List<String> markers = new ArrayList<>();

    private static EchoUpstream upstream;
    private static TestComponent services;
    private static ProxyHandler handler;
    private static String appId;
    private static String otherAppId;
    private static String headerKeyAccount;
    private static String queryKeyAccount;
    private static String basicAccount;
    private static String oauthAccount;
    private static String apiKey;
    private static String queryKey;
    private static String username;
    private static String password;
    private static String accessToken;
    private static String refreshToken;

    @BeforeAll
    static void setUp(LocalAws aws) {
        upstream = new EchoUpstream(Map.of(
                "/api/acme/slow", ex -> {
                    try {
                        Thread.sleep(4_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.sendResponseHeaders(200, -1);
                },
                "/api/acme/redirect", ex -> {
                    ex.getResponseHeaders().add("Location", "https://evil.example/steal?from=keyway");
                    ex.sendResponseHeaders(302, -1);
                },
                "/api/acme/image", ex -> {
                    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 7};
                    ex.getResponseHeaders().add("Content-Type", "image/png");
                    ex.sendResponseHeaders(200, png.length);
                    ex.getResponseBody().write(png);
                }));
        services = DaggerTestComponent.create();
        handler = new ProxyHandler(new ProxyService(services.fresh(), services.accounts(),
                new UpstreamClient(new UpstreamClient.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))),
                new UnauthorizedRetry(services.fresh()), services.clock()));

        appId = services.apps().createApp("Proxy test", true, "test").id();
        otherAppId = services.apps().createApp("Proxy test, other app", true, "test").id();
        services.connectors().put(appId, "echo", """
                {"provider": "custom", "displayName": "Echo", "baseUrl": "%s/api/{tenant}",
                 "connectionConfig": [{"name": "tenant", "label": "Tenant"}],
                 "authMethods": [
                   {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key", "prefix": "Token "}},
                   {"id": "qkey", "type": "API_KEY", "inject": {"in": "query", "name": "api_key"}},
                   {"id": "basic", "type": "BASIC"},
                   {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s",
                    "authorizationUrl": "http://127.0.0.1:9/authorize", "tokenUrl": "http://127.0.0.1:9/token"}]}
                """.formatted(upstream.baseUrl(), marker("client-secret")), "test");

        apiKey = marker("api-key");
        queryKey = marker("query-key");
        username = marker("user");
        password = marker("password");
        accessToken = marker("access-token");
        refreshToken = marker("refresh-token");
        headerKeyAccount = importAccount(appId, "echo", "key", "{\"apiKey\": \"" + apiKey + "\"}");
        queryKeyAccount = importAccount(appId, "echo", "qkey", "{\"apiKey\": \"" + queryKey + "\"}");
        basicAccount = importAccount(appId, "echo", "basic",
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
        oauthAccount = importAccount(appId, "echo", "oauth",
                "{\"accessToken\": \"" + accessToken + "\", \"refreshToken\": \"" + refreshToken + "\", \"expiresIn\": 3600}");
    }

    @AfterAll
    static void tearDown() {
        upstream.close();
    }

    private static String marker(String what) {
        String marker = "MARKER-" + what + "-" + UUID.randomUUID();
        markers.add(marker);
        return marker;
    }

    private static String importAccount(String app, String connector, String method, String credentials) {
        return importAccount(app, connector, method, credentials, "{\"tenant\": \"acme\"}");
    }

    private static String importAccount(String app, String connector, String method, String credentials,
                                        String connectionConfig) {
        var result = services.imports().importOne(app, """
                {"connector": "%s", "authMethod": "%s", "endUserId": "u-%s", "connectionConfig": %s,
                 "credentials": %s}
                """.formatted(connector, method, method, connectionConfig, credentials), "test");
        assertThat(result.linkedAccount()).as("import of " + method).isNotNull();
        return result.linkedAccount().id();
    }

    static APIGatewayV2HTTPEvent event(String app, String method, String linkedAccountId, String rawPath, String rawQuery,
                                       Map<String, String> headers, String body, boolean base64) {
        Map<String, String> all = new HashMap<>(Map.of("authorization", "Bearer " + APP_KEY, "host", "api.keyway.example"));
        all.putAll(headers);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(ProxyHandler.ROUTE)
                .withRawPath("/v1/proxy/" + linkedAccountId + "/" + rawPath)
                .withRawQueryString(rawQuery)
                .withHeaders(all)
                .withPathParameters(Map.of("linkedAccountId", linkedAccountId,
                        "path", java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8)))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("test")
                        .withRouteKey(ProxyHandler.ROUTE)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                                .withPath("/v1/proxy/" + linkedAccountId + "/" + rawPath).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("appId", app, "keyId", "key_test")).build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPResponse get(String linkedAccountId, String rawPath, String rawQuery) {
        return handler.handleRequest(event(appId, "GET", linkedAccountId, rawPath, rawQuery,
                Map.of("accept", "application/json"), null, false), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    /** The response carries none of the stored secrets, in any header or in the body. */
    static void assertNoSecret(APIGatewayV2HTTPResponse response) {
        String all = response.getStatusCode() + " " + response.getHeaders() + " " + response.getBody();
        for (String marker : markers) {
            assertThat(all).doesNotContain(marker)
                    .doesNotContain(Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(all).doesNotContain(Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertAppKeyNotForwarded(EchoUpstream.Seen seen) {
        seen.headers().forEach((name, values) ->
                assertThat(String.join(",", values)).as(name).doesNotContain(APP_KEY));
    }

    @Test
    void apiKeyHeader_withPrefix_reachesTheUpstream_andTheEchoIsRedacted() throws Exception {
        var response = handler.handleRequest(event(appId, "GET", headerKeyAccount, "users/42", "expand=team&limit=10",
                Map.of("accept", "application/json", "x-custom", "kept"), null, false), null);

        var seen = upstream.last();
        assertThat(seen.rawPath()).isEqualTo("/api/acme/users/42");
        assertThat(seen.rawQuery()).isEqualTo("expand=team&limit=10");
        assertThat(seen.header("X-API-Key")).isEqualTo("Token " + apiKey);
        assertThat(seen.header("Authorization")).isNull();
        assertThat(seen.header("X-Custom")).isEqualTo("kept");
        assertAppKeyNotForwarded(seen);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("x-keyway-redacted", "true");
        assertThat(json(response).at("/headers/X-api-key/0").asText()).isEqualTo("Token [REDACTED]");
        assertNoSecret(response);
    }

    @Test
    void apiKeyInQuery_reachesTheUpstream_andTheEchoedQueryIsRedacted() throws Exception {
        var response = get(queryKeyAccount, "search", "q=hello%20world&api_key=caller-chosen");

        var seen = upstream.last();
        assertThat(seen.rawQuery()).isEqualTo("q=hello%20world&api_key=" + queryKey);
        assertThat(seen.header("Authorization")).isNull();
        assertAppKeyNotForwarded(seen);
        assertThat(json(response).get("rawQuery").asText()).isEqualTo("q=hello%20world&api_key=[REDACTED]");
        assertNoSecret(response);
    }

    @Test
    void basic_sendsBase64UsernamePassword_andTheEchoIsRedacted() throws Exception {
        var response = get(basicAccount, "me", "");

        var seen = upstream.last();
        assertThat(seen.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        assertAppKeyNotForwarded(seen);
        assertThat(json(response).at("/headers/Authorization/0").asText()).isEqualTo("Basic [REDACTED]");
        assertNoSecret(response);
    }

    @Test
    void oauth2_sendsTheBearerAccessToken_notTheAppsKey_andTheEchoIsRedacted() throws Exception {
        var response = get(oauthAccount, "me", "");

        var seen = upstream.last();
        assertThat(seen.headers().get("Authorization")).containsExactly("Bearer " + accessToken);
        assertAppKeyNotForwarded(seen);
        assertThat(json(response).at("/headers/Authorization/0").asText()).isEqualTo("Bearer [REDACTED]");
        assertNoSecret(response);
    }

    @Test
    void success_recordsLastUsed() {
        get(headerKeyAccount, "ping", "");

        var stored = services.accounts().findForApp(appId, headerKeyAccount).orElseThrow();
        assertThat(stored.account().lastUsedAt()).isNotNull();
    }

    @Test
    void binaryBodies_travelBase64_byteForByte() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 'x'};
        var response = handler.handleRequest(event(appId, "POST", headerKeyAccount, "upload", "",
                Map.of("content-type", "application/octet-stream"), Base64.getEncoder().encodeToString(bytes), true), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(upstream.last().body()).isEqualTo(bytes);
        assertThat(upstream.last().method()).isEqualTo("POST");

        var image = get(headerKeyAccount, "image", "");
        assertThat(image.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(image.getBody()))
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 7});
        assertThat(image.getHeaders()).containsEntry("content-type", "image/png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "users/../../admin", "%2e%2e/admin", "%2E%2e%2fadmin", ".%2e/x",
            "/evil.com/x", "/http://evil.com/x", "http://evil.com/x", "https:%2f%2fevil.com/x", "@evil.com",
            "users@evil.com/x", "x\\..\\admin", "%5c%5cevil.com", "a%252e%252e/x", "a%0d%0aHost:evil.com"})
    void ssrfAttempts_areRefusedWith400_andNeverReachTheUpstream(String rawPath) throws Exception {
        int before = upstream.seen.size();

        var response = get(headerKeyAccount, rawPath, "");

        assertThat(response.getStatusCode()).as(rawPath).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_proxy_path");
        assertThat(upstream.seen).hasSize(before);
        assertNoSecret(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:%d", "https://localhost:%d", "https://[::1]:%d",
            "https://[::ffff:127.0.0.1]:%d", "https://169.254.169.254", "https://10.0.0.8", "https://192.168.0.1"})
    void connectorsOfAppsNotInLocalMode_cannotReachPrivateAddresses(String baseUrlPattern) throws Exception {
        String app = services.apps().createApp("Guarded", false, "test").id();
        String baseUrl = baseUrlPattern.formatted(upstream.port());
        services.connectors().put(app, "internal", """
                {"provider": "custom", "displayName": "Internal", "baseUrl": "%s",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}}]}
                """.formatted(baseUrl), "test");
        String account = importAccount(app, "internal", "key", "{\"apiKey\": \"" + marker("guarded-key") + "\"}", "{}");
        int before = upstream.seen.size();

        var response = handler.handleRequest(event(app, "GET", account, "latest/meta-data/iam", "", Map.of(), null, false), null);

        assertThat(response.getStatusCode()).as(baseUrl).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("upstream_address_refused");
        assertThat(upstream.seen).hasSize(before);
    }

    @Test
    void slowUpstream_is504Json() throws Exception {
        var response = get(headerKeyAccount, "slow", "");

        assertThat(response.getStatusCode()).isEqualTo(504);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(json(response).at("/error/code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    void redirectToAnotherHost_isReturned_notFollowed() {
        int before = upstream.seen.size();

        var response = get(headerKeyAccount, "redirect", "");

        assertThat(response.getStatusCode()).isEqualTo(302);
        assertThat(response.getHeaders()).containsEntry("location", "https://evil.example/steal?from=keyway");
        assertThat(upstream.seen).hasSize(before + 1);
    }

    @Test
    void oversizeBody_is413_andNothingIsSent() throws Exception {
        int before = upstream.seen.size();
        String body = "x".repeat(ProxyService.MAX_REQUEST_BODY_BYTES + 1);

        var response = handler.handleRequest(event(appId, "POST", headerKeyAccount, "upload", "",
                Map.of("content-type", "text/plain"), body, false), null);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("payload_too_large");
        assertThat(upstream.seen).hasSize(before);
    }

    @Test
    void anotherAppsAccount_is404_andUnknownAccount_is404() throws Exception {
        int before = upstream.seen.size();

        var other = handler.handleRequest(event(otherAppId, "GET", headerKeyAccount, "me", "", Map.of(), null, false), null);
        var unknown = get("la_doesnotexist", "me", "");

        assertThat(other.getStatusCode()).isEqualTo(404);
        assertThat(json(other).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(upstream.seen).hasSize(before);
    }

    @Test
    void unsupportedMethod_is405() throws Exception {
        var response = handler.handleRequest(event(appId, "TRACE", headerKeyAccount, "me", "", Map.of(), null, false), null);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("method_not_allowed");
    }

    @ParameterizedTest
    @Event(value = "events/proxy-get.json", type = APIGatewayV2HTTPEvent.class)
    void sampleEvent_isForwarded(APIGatewayV2HTTPEvent event) throws Exception {
        String sampleId = event.getPathParameters().get("linkedAccountId");
        event.setRawPath(event.getRawPath().replace(sampleId, headerKeyAccount));
        event.getRequestContext().getHttp().setPath(event.getRawPath());
        event.setPathParameters(Map.of("linkedAccountId", headerKeyAccount, "path", event.getPathParameters().get("path")));
        event.getRequestContext().getAuthorizer().setLambda(Map.of("appId", appId, "keyId", "key_sample"));

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(upstream.last().rawPath()).isEqualTo("/api/acme/" + event.getPathParameters().get("path"));
        assertThat(upstream.last().rawQuery()).isEqualTo(event.getRawQueryString());
        assertThat(json(response).get("method").asText()).isEqualTo("GET");
        assertNoSecret(response);
    }

    @Test
    void logLines_carryNoSecret_noQueryValue_noHeader_andOneLinePerCall() {
        var captured = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            get(headerKeyAccount, "users/private-path-value", "q=private-query-value");
            get(queryKeyAccount, "x", "api_key=x");
            get(basicAccount, "../x", "");
            get(oauthAccount, "slow", "");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        assertThat(out.lines().filter(l -> l.contains("\"event\":\"proxy_call\""))).hasSize(4);
        assertThat(out).contains("\"upstreamStatus\":200").contains("\"code\":\"upstream_timeout\"")
                .doesNotContain("private-query-value").doesNotContain("private-path-value").doesNotContain(APP_KEY);
        for (String marker : markers) {
            assertThat(out).doesNotContain(marker);
        }
    }

    @Test
    void defaultHandler_isWiredByDagger() {
        assertThat(new ProxyHandler().routeKeys()).containsExactly(ProxyHandler.ROUTE);
    }
}
