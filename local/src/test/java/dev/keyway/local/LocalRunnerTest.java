package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Json;
import dev.keyway.http.ApiHandler;
import dev.keyway.provisioning.HttpRoute;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local runner over real HTTP on loopback, in front of the real handlers and real DynamoDB. */
@ExtendWith(LocalAwsExtension.class)
class LocalRunnerTest {
    private static LocalRunner runner;
    private static String key;
    private static AppAdminService admin;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        runner = LocalRunner.start(aws.stack(), 0);
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        var app = admin.createApp("Runner test", true, "test");
        key = admin.createKey(app.id(), "test").secretKey();
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A concrete path for a route: every {param} becomes a sample value. */
    private static String samplePath(HttpRoute route) {
        return route.path().replaceAll("\\{[^/]+\\+}", "some/deep/path").replaceAll("\\{[^/]+}", "sample-1");
    }

    @Test
    void everyTemplateRoute_isServedByItsFunction() throws Exception {
        assertThat(runner.stack().routes()).isNotEmpty();
        for (HttpRoute route : runner.stack().routes()) {
            String body = route.method().equals("PUT") || route.method().equals("POST") ? "{}" : null;
            var response = send(route.method(), samplePath(route), key, body);
            boolean html = response.headers().firstValue("content-type").orElse("").startsWith("text/html");
            JsonNode json = response.body().isEmpty() || html ? null : Json.mapper().readTree(response.body());
            // A function answered: a success, Keyway's error shape, or a portal page. The runner's own 404 is
            // {"message": "Not Found"}.
            assertThat(response.statusCode() < 400 || (json != null && json.has("error")) || html)
                    .as(route.routeKey() + " answered " + response.statusCode() + " " + response.body()).isTrue();
        }
    }

    @Test
    void routesNotInTheTemplate_areNotServed() throws Exception {
        var response = send("GET", "/v1/not-a-route", key, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(send("POST", "/v1/providers", key, "{}").statusCode()).as("wrong method").isEqualTo(404);
    }

    @Test
    void servedRoutes_areExactlyTheTemplatesRoutes_andEachHandlersOwnRoutes() {
        Set<String> template = runner.stack().routes().stream().map(HttpRoute::routeKey).collect(Collectors.toSet());
        assertThat(new HashSet<>(runner.servedRouteKeys())).isEqualTo(template);
        for (var function : runner.stack().functions()) {
            if (function.routes().isEmpty()) {
                continue;
            }
            var handler = FunctionHost.load(function.logicalId(), function.handler(), 30);
            Set<String> declared = function.routes().stream().map(HttpRoute::routeKey).collect(Collectors.toSet());
            assertThat(handler.handler()).isInstanceOf(ApiHandler.class);
            assertThat(((ApiHandler) handler.handler()).routeKeys())
                    .as(function.logicalId() + "'s handler routes vs template.yaml").isEqualTo(declared);
        }
    }

    @Test
    void appKeyFailures_are401Json() throws Exception {
        var missing = send("GET", "/v1/connectors", null, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(missing.body()).at("/error/code").asText()).isEqualTo("missing_api_key");

        var malformed = send("GET", "/v1/connectors", "not-a-key", null);
        assertThat(Json.mapper().readTree(malformed.body()).at("/error/code").asText()).isEqualTo("malformed_api_key");

        var unknown = send("GET", "/v1/connectors", "sk_live_" + "a".repeat(52), null);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(unknown.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void connectorRoundTrip_overHttp() throws Exception {
        var put = send("PUT", "/v1/connectors/local-crm", key, """
                {"provider": "custom", "displayName": "Local CRM", "baseUrl": "http://127.0.0.1:9999",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Key"}}]}
                """);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        var get = send("GET", "/v1/connectors/local-crm", key, null);
        assertThat(Json.mapper().readTree(get.body()).get("displayName").asText()).isEqualTo("Local CRM");
        assertThat(get.headers().firstValue("cache-control")).contains("no-store");
        assertThat(send("GET", "/v1/providers", key, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/v1/connectors/local-crm", key, null).statusCode()).isEqualTo(204);
    }

    @Test
    void percentEncodedPathParameters_areDecoded() throws Exception {
        var response = send("GET", "/v1/connectors/a%20b", key, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).at("/error/message").asText()).contains("'a b'");
    }
}
