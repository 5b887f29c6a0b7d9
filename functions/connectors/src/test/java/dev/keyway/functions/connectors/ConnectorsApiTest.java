package dev.keyway.functions.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Json;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The connectors API end to end through the handler Lambda runs, against real DynamoDB and
 * Secrets Manager. Client secrets are canaries: after every test the whole table is scanned.
 */
@ExtendWith(LocalAwsExtension.class)
class ConnectorsApiTest {
    /** Every client secret these tests send starts with this, so the scan can find any leak. */
    static final String CANARY = "CANARY-client-secret-";
    private static final List<String> canaries = new ArrayList<>();

    private static ConnectorsHandler handler;
    private static AppAdminService admin;
    private static AuthLog authLog;
    private static LocalAws aws;

    @BeforeAll
    static void setUp(LocalAws localAws) {
        aws = localAws;
        handler = new ConnectorsHandler();
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        authLog = new AuthLog(table, Clock.systemUTC());
        admin = new AppAdminService(table, new AppRepository(table), authLog, Clock.systemUTC());
    }

    static String canary() {
        String secret = CANARY + java.util.UUID.randomUUID();
        canaries.add(secret);
        return secret;
    }

    static APIGatewayV2HTTPEvent request(String appId, String routeKey, Map<String, String> path, String body,
                                         Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withPathParameters(path)
                .withQueryStringParameters(query)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("test")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("appId", appId, "keyId", "key_test")).build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPResponse put(String appId, String key, String body) {
        return handler.handleRequest(request(appId, "PUT /v1/connectors/{connectorKey}",
                Map.of("connectorKey", key), body, null), null);
    }

    static APIGatewayV2HTTPResponse get(String appId, String key) {
        return handler.handleRequest(request(appId, "GET /v1/connectors/{connectorKey}",
                Map.of("connectorKey", key), null, null), null);
    }

    static APIGatewayV2HTTPResponse delete(String appId, String key) {
        return handler.handleRequest(request(appId, "DELETE /v1/connectors/{connectorKey}",
                Map.of("connectorKey", key), null, null), null);
    }

    static APIGatewayV2HTTPResponse list(String appId, Map<String, String> query) {
        return handler.handleRequest(request(appId, "GET /v1/connectors", null, null, query), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    static String github(String secret) {
        return """
                {"provider": "github", "authMethods": [
                  {"id": "oauth", "type": "OAUTH2", "clientId": "Iv1.abc", "clientSecret": "%s", "scopes": ["repo"]}]}
                """.formatted(secret);
    }

    static String customCrm(String secret, String baseUrl) {
        return """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "%s",
                 "authMethods": [
                   {"id": "oauth", "type": "OAUTH2", "clientId": "acme", "clientSecret": "%s", "scopes": ["read", "write"],
                    "authorizationUrl": "https://auth.acme.example/authorize", "tokenUrl": "https://auth.acme.example/token",
                    "inject": {"in": "header", "name": "Authorization", "prefix": "Bearer "}},
                   {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}},
                   {"id": "basic", "type": "BASIC"}]}
                """.formatted(baseUrl, secret);
    }

    static String newApp(boolean localMode) {
        return admin.createApp("Connectors test", localMode, "test").id();
    }

    @AfterAll
    static void noClientSecretIsStoredInPlaintextAnywhere() {
        assertThat(canaries).isNotEmpty();
        Map<String, AttributeValue> start = null;
        int items = 0;
        do {
            var page = aws.dynamoDb().scan(ScanRequest.builder().tableName(aws.config().tableName())
                    .exclusiveStartKey(start).build());
            for (var item : page.items()) {
                String text = item.toString();
                items++;
                for (String canary : canaries) {
                    assertThat(text).as("an item holds a client secret in plaintext").doesNotContain(canary);
                    assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(canary.getBytes()));
                }
            }
            start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        assertThat(items).isPositive();
    }

    @ParameterizedTest
    @Event(value = "events/connectors-put.json", type = APIGatewayV2HTTPEvent.class)
    void sampleEvent_createsTheContractsExampleConnector(APIGatewayV2HTTPEvent event) throws Exception {
        String appId = newApp(false);
        event.getRequestContext().getAuthorizer().setLambda(Map.of("appId", appId, "keyId", "key_sample"));
        canaries.add("sample-client-secret-not-real");

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.get("key").asText()).isEqualTo("acme-crm");
        assertThat(body.get("authMethods")).hasSize(3);
        assertThat(response.getBody()).doesNotContain("sample-client-secret-not-real").doesNotContain("clientSecret\"");
    }

    @Test
    void put_createsThenUpdates_andNeverEchoesTheClientSecret() throws Exception {
        String appId = newApp(false);
        String secret = canary();

        var created = put(appId, "github", github(secret));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getBody()).doesNotContain(secret);
        JsonNode method = json(created).get("authMethods").get(0);
        assertThat(method.get("clientSecretSet").asBoolean()).isTrue();
        assertThat(method.has("clientSecret")).isFalse();
        assertThat(method.get("clientId").asText()).isEqualTo("Iv1.abc");

        var updated = put(appId, "github", github(canary()));
        assertThat(updated.getStatusCode()).isEqualTo(200);
        assertThat(json(updated).get("createdAt")).isEqualTo(json(created).get("createdAt"));

        var read = get(appId, "github");
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(read.getBody()).doesNotContain(secret);
        assertThat(json(read).get("provider").asText()).isEqualTo("github");
    }

    @Test
    void put_withoutClientSecret_keepsTheStoredOne() throws Exception {
        String appId = newApp(false);
        put(appId, "github", github(canary()));
        String withoutSecret = """
                {"provider": "github", "authMethods": [
                  {"id": "oauth", "type": "OAUTH2", "clientId": "Iv1.changed", "scopes": ["repo", "read:org"]}]}
                """;

        var response = put(appId, "github", withoutSecret);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode method = json(response).get("authMethods").get(0);
        assertThat(method.get("clientSecretSet").asBoolean()).isTrue();
        assertThat(method.get("clientId").asText()).isEqualTo("Iv1.changed");
    }

    @Test
    void newConnector_withoutClientSecret_isRefused() throws Exception {
        String appId = newApp(false);
        var response = put(appId, "github", """
                {"provider": "github", "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "x"}]}
                """);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("clientSecret");
        assertThat(get(appId, "github").getStatusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"provider\": \"nosuchprovider\", \"authMethods\": [{\"id\": \"k\", \"type\": \"API_KEY\"}]}|provider",
        "{\"provider\": \"github\", \"authMethods\": []}|authMethods",
        "{\"provider\": \"custom\", \"displayName\": \"X\", \"baseUrl\": \"https://x.example\", \"authMethods\": [{\"id\": \"k\", \"type\": \"API_KEY\", \"inject\": {\"in\": \"header\", \"name\": \"X-Key\"}}, {\"id\": \"k\", \"type\": \"BASIC\"}]}|authMethods[1].id",
        "{\"provider\": \"custom\", \"displayName\": \"X\", \"baseUrl\": \"http://api.acme.example\", \"authMethods\": [{\"id\": \"b\", \"type\": \"BASIC\"}]}|baseUrl",
        "{\"provider\": \"custom\", \"displayName\": \"X\", \"baseUrl\": \"http://127.0.0.1:9000\", \"authMethods\": [{\"id\": \"b\", \"type\": \"BASIC\"}]}|baseUrl",
        "{\"provider\": \"github\", \"colour\": \"blue\", \"authMethods\": [{\"id\": \"b\", \"type\": \"OAUTH2\", \"clientId\": \"x\", \"clientSecret\": \"y\"}]}|colour",
        "{\"provider\": \"github\", \"authMethods\": [{\"id\": \"b\", \"type\": \"OAUTH2\", \"clientId\": \"x\", \"clientSecret\": \"y\", \"extra\": 1}]}|extra",
        "{\"provider\": \"github\",|JSON",
    })
    void invalidBodies_get400NamingTheField_andChangeNothing(String bodyAndField) throws Exception {
        String[] parts = bodyAndField.split("\\|");
        String appId = newApp(false);

        var response = put(appId, "acme", parts[0]);

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).contains(parts[1]);
        assertThat(get(appId, "acme").getStatusCode()).isEqualTo(404);
        assertThat(authLog.recent(appId, 10)).extracting(e -> e.type()).doesNotContain(AuthEventTypes.CONNECTOR_SAVED);
    }

    @Test
    void loopbackUrls_areAllowedOnlyForLocalModeApps() {
        String secret = canary();
        assertThat(put(newApp(true), "crm", customCrm(secret, "http://127.0.0.1:9000/api")).getStatusCode())
                .isEqualTo(201);
        assertThat(put(newApp(false), "crm", customCrm(secret, "http://127.0.0.1:9000/api")).getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void bodyOver64KiB_isRefused() throws Exception {
        String appId = newApp(false);
        String huge = "{\"provider\": \"github\", \"displayName\": \"" + "x".repeat(70_000) + "\"}";
        var response = put(appId, "github", huge);
        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void invalidConnectorKey_isRefused() throws Exception {
        var response = put(newApp(false), "Not A Key!", github(canary()));
        assertThat(response.getStatusCode()).isEqualTo(400);
    }

    @Test
    void list_paginatesWithACursor_andShowsOnlyTheCallersConnectors() throws Exception {
        String appId = newApp(false);
        String otherApp = newApp(false);
        for (String key : List.of("a1", "a2", "a3")) {
            assertThat(put(appId, key, github(canary())).getStatusCode()).isEqualTo(201);
        }
        put(otherApp, "zz", github(canary()));

        JsonNode first = json(list(appId, Map.of("limit", "2")));
        assertThat(first.get("data")).hasSize(2);
        String cursor = first.get("nextCursor").asText();
        JsonNode rest = json(list(appId, Map.of("limit", "2", "cursor", cursor)));

        List<String> keys = new ArrayList<>();
        first.get("data").forEach(c -> keys.add(c.get("key").asText()));
        rest.get("data").forEach(c -> keys.add(c.get("key").asText()));
        assertThat(keys).containsExactly("a1", "a2", "a3");
        assertThat(rest.has("nextCursor")).as("nextCursor is always present").isTrue();
        assertThat(rest.get("nextCursor").isNull()).as("and null on the last page").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "ten"})
    void list_refusesBadLimits(String limit) {
        assertThat(list(newApp(false), Map.of("limit", limit)).getStatusCode()).isEqualTo(400);
    }

    @Test
    void list_refusesAForgedCursor() throws Exception {
        String forged = java.util.Base64.getUrlEncoder().encodeToString("LOG#whatever".getBytes());
        var response = list(newApp(false), Map.of("cursor", forged));
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("cursor");
    }

    @Test
    void anotherAppsConnector_isInvisible() {
        String owner = newApp(false);
        put(owner, "github", github(canary()));
        String stranger = newApp(false);

        assertThat(get(stranger, "github").getStatusCode()).isEqualTo(404);
        assertThat(delete(stranger, "github").getStatusCode()).isEqualTo(404);
        assertThat(get(owner, "github").getStatusCode()).isEqualTo(200);
    }

    @Test
    void delete_removesTheConnector_andIsLogged() {
        String appId = newApp(false);
        put(appId, "github", github(canary()));

        assertThat(delete(appId, "github").getStatusCode()).isEqualTo(204);
        assertThat(get(appId, "github").getStatusCode()).isEqualTo(404);
        assertThat(delete(appId, "github").getStatusCode()).isEqualTo(404);
        assertThat(authLog.recent(appId, 10)).extracting(e -> e.type())
                .startsWith(AuthEventTypes.CONNECTOR_DELETED, AuthEventTypes.CONNECTOR_SAVED);
    }

    /** Concurrent creates: exactly one wins, the rest conflict or update, each write logged once. */
    @Test
    void concurrentCreates_exactlyOneWins_andEachWriteIsLoggedOnce() throws Exception {
        String appId = newApp(false);
        var pool = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> puts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String secret = canary();
            puts.add(() -> put(appId, "race", github(secret)).getStatusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (var f : pool.invokeAll(puts)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).as(statuses.toString()).allMatch(s -> s == 201 || s == 200 || s == 409);
        assertThat(statuses.stream().filter(s -> s == 201)).as(statuses.toString()).hasSize(1);
        long saves = authLog.recent(appId, 50).stream()
                .filter(e -> e.type().equals(AuthEventTypes.CONNECTOR_SAVED)).count();
        assertThat(saves).as("one auth-log entry per successful write, none for conflicts")
                .isEqualTo(statuses.stream().filter(s -> s == 200 || s == 201).count());
        assertThat(get(appId, "race").getStatusCode()).isEqualTo(200);
    }

    @Test
    void providers_listsTheCatalog() throws Exception {
        var response = handler.handleRequest(request(newApp(false), "GET /v1/providers", null, null, null), null);
        JsonNode data = json(response).get("data");
        List<String> keys = new ArrayList<>();
        data.forEach(p -> keys.add(p.get("key").asText()));
        assertThat(keys).contains("github", "google", "slack", "salesforce", "hubspot", "notion", "stripe",
                "shopify", "zendesk", "jira");
    }

    @Test
    void missingAppId_is401() throws Exception {
        var event = request("x", "GET /v1/connectors", null, null, null);
        event.getRequestContext().getAuthorizer().setLambda(new HashMap<>(Map.of("authError", "invalid_api_key")));
        var response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }
}
