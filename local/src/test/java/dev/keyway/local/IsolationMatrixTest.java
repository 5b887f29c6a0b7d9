package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Json;
import dev.keyway.functions.resolve.ResolveHandler;
import dev.keyway.linkedaccounts.ResolveService;
import dev.keyway.provisioning.HttpRoute;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Tenant isolation over real HTTP on the local runner: app B, with its own valid key, aims at
 * each of app A's linked accounts (one per auth type) and at A's connector on every route of
 * template.yaml that takes such an id, and through the resolve function. Every attempt is a 404
 * (an empty list where the API is a list); B's lists never show A's ids; A's data — as A reads
 * it, and as DynamoDB holds it, byte for byte — is unchanged; A's auth log has no entry B
 * caused; and A's upstream received nothing while B tried. A second test gives a third app a
 * connector with A's connector key and imports under A's (endUserId, externalRef): that app's own
 * account, connector URL and credential, and A's data still unchanged.
 */
@ExtendWith(LocalAwsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolationMatrixTest {
    private static final String CONNECTOR = "iso-crm";
    private static final List<String> ANY_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private static LocalAws aws;
    private static KeywayTable table;
    private static EchoUpstreamServer upstream;
    private static LocalRunner runner;
    private static RecordingHttp http;
    private static String appA;
    private static String keyA;
    private static String keyIdA;
    private static String appB;
    private static String keyB;
    private static String keyIdB;
    /** A's accounts by auth method id. */
    private static final Map<String, String> accountsA = new LinkedHashMap<>();
    private static String mcpServerA;
    private static final Map<String, String> endUsersA = new LinkedHashMap<>();
    private static final Map<String, String> secretsA = new LinkedHashMap<>();
    private static String accountB;

    @BeforeAll
    static void start(LocalAws localAws) throws Exception {
        aws = localAws;
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        upstream = new EchoUpstreamServer();
        runner = LocalRunner.start(aws.stack(), 0);
        http = new RecordingHttp(runner.baseUrl());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        appA = admin.createApp("Isolation A", true, "isolation-test").id();
        var issuedA = admin.createKey(appA, "isolation-test");
        keyA = issuedA.secretKey();
        keyIdA = issuedA.keyId();
        appB = admin.createApp("Isolation B", true, "isolation-test").id();
        var issuedB = admin.createKey(appB, "isolation-test");
        keyB = issuedB.secretKey();
        keyIdB = issuedB.keyId();

        String base = upstream.baseUrl();
        var connector = http.put("/v1/connectors/" + CONNECTOR, keyA, Map.of("provider", "custom",
                "displayName", "Isolation A CRM", "baseUrl", base + "/a-api",
                "authMethods", List.of(
                        Map.of("id", "key", "type", "API_KEY",
                                "inject", Map.of("in", "header", "name", "X-Api-Key", "prefix", "Key ")),
                        Map.of("id", "basic", "type", "BASIC"),
                        Map.of("id", "oauth", "type", "OAUTH2", "clientId", "a-client", "clientSecret", "a-client-secret",
                                "authorizationUrl", base + "/a-oauth/authorize", "tokenUrl", base + "/a-oauth/token",
                                "revocationUrl", base + "/a-oauth/revoke"),
                        Map.of("id", "cc", "type", "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl", base + "/a-cc/token"))));
        assertThat(connector.status()).as(connector.toString()).isEqualTo(201);
        importA("key", Map.of("apiKey", secret("key", "a-api-key-")));
        importA("basic", Map.of("username", "a-user", "password", secret("basic", "a-password-")));
        importA("oauth", Map.of("accessToken", secret("oauth", "a-access-"), "refreshToken", "a-refresh-" + appA,
                "expiresIn", 3600, "scopes", List.of("read")));
        importA("cc", Map.of("clientId", "a-cc-client", "clientSecret", "a-cc-secret-" + appA,
                "accessToken", secret("cc", "a-cc-access-"), "expiresIn", 3600));

        // A second log entry for A's key account (the same import again: updated in place), so its log has a cursor.
        var again = http.post("/v1/linked-accounts/import", keyA, Map.of("connector", CONNECTOR, "authMethod", "key",
                "endUserId", endUsersA.get("key"), "externalRef", "a-ref-key",
                "credentials", Map.of("apiKey", secretsA.get("key"))));
        assertThat(again.json().get("result").asText()).as(again.toString()).isEqualTo("updated");

        var connectorB = http.put("/v1/connectors/b-crm", keyB, Map.of("provider", "custom", "displayName", "B CRM",
                "baseUrl", base + "/b-api", "authMethods", List.of(Map.of("id", "key", "type", "API_KEY",
                        "inject", Map.of("in", "header", "name", "X-Api-Key")))));
        assertThat(connectorB.status()).as(connectorB.toString()).isEqualTo(201);
        var importedB = http.post("/v1/linked-accounts/import", keyB, Map.of("connector", "b-crm", "authMethod", "key",
                "endUserId", "b-user", "credentials", Map.of("apiKey", "b-api-key-" + appB)));
        assertThat(importedB.status()).as(importedB.toString()).isEqualTo(201);
        accountB = importedB.json().at("/linkedAccount/id").asText();
        var mcpServer = http.post("/v1/mcp-servers", keyA, Map.of("endUserId", endUsersA.get("key"),
                "connectors", List.of(CONNECTOR)));
        assertThat(mcpServer.status()).as(mcpServer.toString()).isEqualTo(201);
        mcpServerA = mcpServer.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static String secret(String method, String prefix) {
        String value = prefix + java.util.UUID.randomUUID();
        secretsA.put(method, value);
        return value;
    }

    private static void importA(String method, Map<String, Object> credentials) {
        String endUserId = "a-user-" + method;
        var response = http.post("/v1/linked-accounts/import", keyA, Map.of("connector", CONNECTOR, "authMethod", method,
                "endUserId", endUserId, "externalRef", "a-ref-" + method, "credentials", credentials));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        accountsA.put(method, response.json().at("/linkedAccount/id").asText());
        endUsersA.put(method, endUserId);
    }

    /** What A sees of its own data, and what DynamoDB holds of it. */
    private record Snapshot(Map<String, String> apiViews, Map<String, String> items, List<JsonNode> log) {
    }

    private static Snapshot snapshotOfA() {
        Map<String, String> views = new TreeMap<>();
        for (var account : accountsA.entrySet()) {
            var response = http.get("/v1/linked-accounts/" + account.getValue(), keyA);
            assertThat(response.status()).isEqualTo(200);
            views.put("account " + account.getKey(), response.body());
        }
        views.put("connector", http.get("/v1/connectors/" + CONNECTOR, keyA).body());
        views.put("connectors", http.get("/v1/connectors", keyA).body());
        views.put("accounts", String.join("\n", listAll("/v1/linked-accounts?limit=2", keyA).stream()
                .map(JsonNode::toString).toList()));
        return new Snapshot(views, itemsMentioningA(), listAll("/v1/logs?limit=3", keyA));
    }

    /** Every raw item that names A or one of its accounts, keyed by its primary key. */
    private static Map<String, String> itemsMentioningA() {
        Map<String, String> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = table.client().scan(ScanRequest.builder().tableName(table.name()).exclusiveStartKey(start).build());
            for (var item : page.items()) {
                String text = CanaryTest.flatten(item);
                if (text.contains(appA) || accountsA.values().stream().anyMatch(text::contains)) {
                    items.put(item.get("pk").s() + " | " + item.get("sk").s(), text);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Every element of a paginated list, following {@code nextCursor}. */
    private static List<JsonNode> listAll(String path, String key) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = http.get(path + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(path + " " + page).isEqualTo(200);
            page.json().get("data").forEach(all::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        return all;
    }

    /** A list cursor as the API encodes one: the last evaluated key as base64url JSON. */
    private static String cursor(Map<String, String> key) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(new TreeMap<>(key)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Every route of template.yaml with a {@code {param}}, each of A's ids put in, each method ANY stands for. */
    private static List<String[]> requestsAimedAtA() {
        List<String[]> requests = new ArrayList<>();
        for (HttpRoute route : runner.stack().routes()) {
            if (!route.path().contains("{") || !route.usesDefaultAuthorizer()) {
                // Portal routes take no app key: a connect session scopes them (ConnectFlowTest covers that).
                continue;
            }
            List<String> methods = route.method().equals("ANY") ? ANY_METHODS : List.of(route.method());
            List<String> paths = new ArrayList<>();
            if (route.path().contains("{linkedAccountId}")) {
                for (String id : accountsA.values()) {
                    paths.add(route.path().replace("{linkedAccountId}", id)
                            .replaceAll("\\{[^/]+\\+}", "echo/items").replaceAll("\\{[^/]+}", "x"));
                }
            } else if (route.path().contains("{mcpServerId}")) {
                paths.add(route.path().replace("{mcpServerId}", mcpServerA));
            } else if (route.path().contains("{connectorKey}")) {
                if (route.method().equals("PUT")) {
                    continue; // B may create a connector of any key in its own app: see the second test
                }
                paths.add(route.path().replace("{connectorKey}", CONNECTOR));
            } else {
                throw new AssertionError("a route with an id this matrix does not know yet: " + route.routeKey()
                        + " — add it to the isolation matrix");
            }
            for (String method : methods) {
                for (String path : paths) {
                    requests.add(new String[] {method, path});
                }
            }
        }
        return requests;
    }

    @Test
    @Order(1)
    void appBsKey_reachesNoneOfAppAsResources_andAppAsDataIsUnchanged() throws Exception {
        // A can use each of its accounts: the 404s below are about whose they are, not a broken account.
        var resolve = new ResolveHandler();
        for (var account : accountsA.entrySet()) {
            var own = http.get("/v1/proxy/" + account.getValue() + "/echo/own", keyA);
            assertThat(own.status()).as(account.getKey() + " " + own).isEqualTo(200);
            Object resolved = resolve.handleRequest(new ResolveService.Request(appA, account.getValue(), null, null), null);
            assertThat(resolved).isInstanceOf(ResolveService.Resolved.class);
            String expected = account.getKey().equals("basic")
                    ? "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("a-user:" + secretsA.get("basic")).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    : secretsA.get(account.getKey());
            assertThat(((ResolveService.Resolved) resolved).apply().value()).endsWith(expected);
        }
        String cursorA = http.get("/v1/linked-accounts?limit=1", keyA).json().get("nextCursor").asText();
        String logCursorA = http.get("/v1/logs?limit=1", keyA).json().get("nextCursor").asText();
        String accountLogCursorA = http.get("/v1/logs?limit=1&linkedAccountId=" + accountsA.get("key"), keyA)
                .json().get("nextCursor").asText();

        // The matrix's paths are right: A's own key reads each of them.
        List<String[]> matrix = requestsAimedAtA();
        for (String[] request : matrix) {
            if (request[0].equals("GET")) {
                var own = http.get(request[1], keyA);
                assertThat(own.status()).as("A: GET " + request[1] + " → " + own.body()).isEqualTo(200);
            }
        }

        Snapshot before = snapshotOfA();
        assertThat(before.items()).as("A's raw items").hasSizeGreaterThanOrEqualTo(accountsA.size() * 2 + 2);
        int seenBefore = upstream.count();
        int exchangesBefore = http.exchanges.size();

        SoftAssertions soft = new SoftAssertions();
        assertThat(matrix.stream().map(r -> r[0] + " " + r[1].replaceAll("la_[A-Za-z0-9]+", "{id}")).distinct().toList())
                .as("the matrix covers the known routes")
                .contains("GET /v1/linked-accounts/{id}", "DELETE /v1/linked-accounts/{id}",
                        "GET /v1/proxy/{id}/echo/items", "POST /v1/proxy/{id}/echo/items",
                        "DELETE /v1/proxy/{id}/echo/items", "GET /v1/connectors/" + CONNECTOR,
                        "DELETE /v1/connectors/" + CONNECTOR);
        for (String[] request : matrix) {
            String body = request[0].equals("POST") || request[0].equals("PUT") || request[0].equals("PATCH")
                    ? "{\"probe\":true}" : null;
            var response = http.send(request[0], request[1], keyB, body);
            soft.assertThat(response.status()).as("B: " + request[0] + " " + request[1] + " → " + response.body())
                    .isEqualTo(404);
            if (!request[0].equals("HEAD")) {
                soft.assertThat(response.json().at("/error/code").asText()).as("B: " + request[0] + " " + request[1])
                        .isNotEmpty();
            }
        }

        // The logs of one of A's accounts: nothing for B (an empty list, or a 404).
        for (String id : accountsA.values()) {
            for (String query : List.of("", "&type=linked_account.imported", "&since=2020-01-01T00:00:00Z")) {
                var logs = http.get("/v1/logs?linkedAccountId=" + id + query, keyB);
                soft.assertThat(logs.status()).as("B: logs of " + id + query).isIn(200, 404);
                if (logs.status() == 200) {
                    soft.assertThat(logs.json().get("data")).as("B: logs of " + id + query).isEmpty();
                }
            }
        }
        // Lists filtered on A's end users and connector: empty.
        for (String endUserId : endUsersA.values()) {
            var list = http.get("/v1/linked-accounts?endUserId=" + endUserId, keyB);
            soft.assertThat(list.status()).isEqualTo(200);
            soft.assertThat(list.json().get("data")).as("B: accounts of A's end user " + endUserId).isEmpty();
            var logs = http.get("/v1/logs?endUserId=" + endUserId, keyB);
            soft.assertThat(logs.json().get("data")).as("B: logs of A's end user " + endUserId).isEmpty();
        }
        var byConnector = http.get("/v1/linked-accounts?connector=" + CONNECTOR, keyB);
        soft.assertThat(byConnector.json().get("data")).as("B: accounts of connector " + CONNECTOR).isEmpty();
        // A's cursors do not open A's lists to B.
        for (String path : new String[] {"/v1/linked-accounts?cursor=" + cursorA, "/v1/logs?cursor=" + logCursorA,
                "/v1/logs?cursor=" + accountLogCursorA + "&linkedAccountId=" + accountsA.get("key")}) {
            var response = http.get(path, keyB);
            soft.assertThat(response.status()).as("B with A's cursor: " + path + " → " + response.body()).isIn(400, 200);
            if (response.status() == 200) {
                soft.assertThat(response.json().get("data")).as("B with A's cursor: " + path).isEmpty();
            }
        }
        // Cursors forged in B's partition but pointing at A's items: positions in B's own list at most.
        var rawA = table.client().getItem(r -> r.tableName(table.name())
                .key(Map.of("pk", AttributeValue.fromS("LA#" + accountsA.get("key")), "sk", AttributeValue.fromS("LA"))))
                .item();
        String forgedAccounts = cursor(Map.of("gsi1pk", "APP#" + appB + "#LA", "gsi1sk", rawA.get("gsi1sk").s(),
                "pk", "LA#" + accountsA.get("key"), "sk", "LA"));
        String forgedLogs = cursor(Map.of("pk", "LOG#" + appB, "sk", "9999", "gsi1pk", "LOGLA#" + accountsA.get("key"),
                "gsi1sk", "9999"));
        for (String path : new String[] {"/v1/linked-accounts?cursor=" + forgedAccounts,
                "/v1/linked-accounts?endUserId=" + endUsersA.get("key") + "&cursor=" + forgedAccounts,
                "/v1/logs?linkedAccountId=" + accountsA.get("key") + "&cursor=" + forgedLogs,
                "/v1/logs?cursor=" + cursor(Map.of("pk", "LOG#" + appA, "sk", "9999"))}) {
            var response = http.get(path, keyB);
            soft.assertThat(response.status()).as("B with a forged cursor: " + path + " → " + response.body()).isIn(400, 200);
            for (String id : accountsA.values()) {
                soft.assertThat(response.body()).as("B with a forged cursor: " + path).doesNotContain(id);
            }
        }

        // B cannot import into A's connector.
        var importInto = http.post("/v1/linked-accounts/import", keyB, Map.of("connector", CONNECTOR, "authMethod", "key",
                "endUserId", endUsersA.get("key"), "externalRef", "a-ref-key", "credentials", Map.of("apiKey", "b-intruder")));
        soft.assertThat(importInto.status()).as("B imports into A's connector: " + importInto).isEqualTo(400);
        var batchInto = http.post("/v1/linked-accounts/import/batch", keyB, Map.of("items", List.of(Map.of(
                "connector", CONNECTOR, "authMethod", "key", "endUserId", endUsersA.get("key"),
                "externalRef", "a-ref-key", "credentials", Map.of("apiKey", "b-intruder")))));
        soft.assertThat(batchInto.json().get("rejected").asInt()).as("B batch-imports into A's connector: " + batchInto)
                .isEqualTo(1);

        // Resolve with B's app id: A's accounts do not exist for B.
        for (var account : accountsA.entrySet()) {
            Object out = resolve.handleRequest(new ResolveService.Request(appB, account.getValue(), null, null), null);
            soft.assertThat(Json.write(out)).as("resolve as B: " + account.getKey()).contains("\"status\":404")
                    .doesNotContain(secretsA.get(account.getKey()));
            Object byUser = resolve.handleRequest(
                    new ResolveService.Request(appB, null, endUsersA.get(account.getKey()), CONNECTOR), null);
            soft.assertThat(Json.write(byUser)).as("resolve as B by end user: " + account.getKey())
                    .contains("\"status\":404");
        }

        // B's own lists: B's account, never one of A's.
        List<JsonNode> listsOfB = new ArrayList<>();
        listsOfB.addAll(listAll("/v1/linked-accounts?limit=1", keyB));
        listsOfB.addAll(listAll("/v1/linked-accounts?status=CONNECTED&limit=100", keyB));
        listsOfB.addAll(listAll("/v1/logs?limit=2", keyB));
        String connectorsOfB = http.get("/v1/connectors", keyB).body();
        String allOfB = listsOfB + connectorsOfB;
        soft.assertThat(allOfB).as("B's lists show B's account").contains(accountB).contains("b-crm");
        for (var account : accountsA.entrySet()) {
            soft.assertThat(allOfB).as("B's lists").doesNotContain(account.getValue())
                    .doesNotContain(endUsersA.get(account.getKey())).doesNotContain(secretsA.get(account.getKey()));
        }
        soft.assertThat(allOfB).doesNotContain(appA).doesNotContain(CONNECTOR);
        // No answer to B carried anything of A's.
        for (var exchange : http.exchanges.subList(exchangesBefore, http.exchanges.size())) {
            for (var account : accountsA.entrySet()) {
                soft.assertThat(exchange.response()).as("answer to " + exchange.method() + " " + exchange.path())
                        .doesNotContain(secretsA.get(account.getKey()))
                        .doesNotContain(endUsersA.get(account.getKey()));
            }
        }
        soft.assertAll();

        assertThat(upstream.count()).as("requests reaching A's upstream while B tried").isEqualTo(seenBefore);
        Snapshot after = snapshotOfA();
        assertThat(after.apiViews()).as("A's data as A reads it").isEqualTo(before.apiViews());
        assertThat(after.items()).as("A's items in DynamoDB").isEqualTo(before.items());
        assertThat(after.log()).as("A's auth log").isEqualTo(before.log());
        assertThat(after.log()).extracting(e -> e.path("actor").asText()).doesNotContain(keyIdB);
        assertThat(after.log()).extracting(e -> e.path("actor").asText()).contains(keyIdA);
        assertThat(listAll("/v1/logs?limit=100", keyB)).extracting(e -> e.path("linkedAccountId").asText(""))
                .doesNotContainAnyElementsOf(accountsA.values());
    }

    @Test
    @Order(2)
    void aConnectorOfTheSameKeyInAnotherApp_isItsOwn_andImportsWithAsReferencesCreateItsOwnAccounts() throws Exception {
        // A third app, so no container has looked up this connector key for it yet (connector
        // definitions are cached for ConnectorCache.TTL, absent ones too).
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        String appC = admin.createApp("Isolation C", true, "isolation-test").id();
        String keyC = admin.createKey(appC, "isolation-test").secretKey();
        Snapshot before = snapshotOfA();
        int seenCefore = upstream.count();

        var put = http.put("/v1/connectors/" + CONNECTOR, keyC, Map.of("provider", "custom", "displayName", "C's own",
                "baseUrl", upstream.baseUrl() + "/c-own",
                "authMethods", List.of(Map.of("id", "key", "type", "API_KEY",
                        "inject", Map.of("in", "header", "name", "X-C-Key")))));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(http.get("/v1/connectors/" + CONNECTOR, keyC).json().get("displayName").asText()).isEqualTo("C's own");
        assertThat(http.get("/v1/connectors/" + CONNECTOR, keyA).json().get("displayName").asText())
                .isEqualTo("Isolation A CRM");

        // The same (connector, endUserId, externalRef) as A's key account: a new account of C's.
        var imported = http.post("/v1/linked-accounts/import", keyC, Map.of("connector", CONNECTOR, "authMethod", "key",
                "endUserId", endUsersA.get("key"), "externalRef", "a-ref-key",
                "credentials", Map.of("apiKey", "c-same-ref-key")));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("result").asText()).isEqualTo("created");
        String csAccount = imported.json().at("/linkedAccount/id").asText();
        assertThat(csAccount).isNotIn(accountsA.values());
        assertThat(upstream.count()).isEqualTo(seenCefore);

        // Resolve as C by end user and connector: C's account, C's key; A's still resolves to A's.
        var resolve = new ResolveHandler();
        var asC = (ResolveService.Resolved) resolve.handleRequest(
                new ResolveService.Request(appC, null, endUsersA.get("key"), CONNECTOR), null);
        assertThat(asC.linkedAccountId()).isEqualTo(csAccount);
        assertThat(asC.apply().value()).isEqualTo("c-same-ref-key");
        var asA = (ResolveService.Resolved) resolve.handleRequest(
                new ResolveService.Request(appA, null, endUsersA.get("key"), CONNECTOR), null);
        assertThat(asA.linkedAccountId()).isEqualTo(accountsA.get("key"));
        assertThat(asA.apply().value()).isEqualTo("Key " + secretsA.get("key"));

        // The proxy takes each app to its own connector's URL with its own credential.
        http.get("/v1/proxy/" + csAccount + "/echo/c", keyC);
        var seenC = upstream.seen.get(upstream.count() - 1);
        assertThat(seenC.rawPath()).isEqualTo("/c-own/echo/c");
        assertThat(seenC.headers().toString()).contains("c-same-ref-key").doesNotContain(secretsA.get("key"));
        assertThat(http.get("/v1/proxy/" + accountsA.get("key") + "/echo/c", keyC).status()).isEqualTo(404);
        assertThat(upstream.count()).isEqualTo(seenCefore + 1);

        // C deletes its own connector and account: A's stay.
        assertThat(http.delete("/v1/linked-accounts/" + csAccount, keyC).status()).isEqualTo(204);
        assertThat(http.delete("/v1/connectors/" + CONNECTOR, keyC).status()).isEqualTo(204);
        assertThat(http.get("/v1/connectors/" + CONNECTOR, keyC).status()).isEqualTo(404);
        assertThat(upstream.count()).isEqualTo(seenCefore + 1);

        Snapshot after = snapshotOfA();
        assertThat(after.apiViews()).isEqualTo(before.apiViews());
        assertThat(after.items()).isEqualTo(before.items());
        assertThat(after.log()).isEqualTo(before.log());
    }
}
