package dev.keyway.local;

import static dev.keyway.storage.Attrs.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Json;
import dev.keyway.functions.resolve.ResolveHandler;
import dev.keyway.linkedaccounts.ResolveService;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The canary: accounts of every auth type are imported (one by one and in a batch) with secrets
 * that are unique markers; every endpoint is exercised over real HTTP on the local runner, the
 * proxy against an upstream that echoes the injected credentials back in headers and body, the
 * resolve function in-process; then every HTTP response, every line the functions printed, every
 * event that reached the EventBridge bus and every raw DynamoDB item is searched for the markers
 * in every form (plain, base64, Basic pairs). Zero hits — and the same search does find the
 * markers where they legitimately are (what the upstream received, what resolve returned), so
 * the check is not vacuous.
 */
@ExtendWith(LocalAwsExtension.class)
class CanaryTest {
    private static final String CONNECTOR = "canary-crm";
    private static final String TEMP_CONNECTOR = "canary-temp";
    private static final String OAUTH_CLIENT_ID = "canary-oauth-client";
    private static final String OAUTH_B_CLIENT_ID = "canary-oauth-b-client";

    private static LocalAws aws;
    private static KeywayTable table;
    private static StdioTee stdio;
    private static BusQueue bus;
    private static EchoUpstreamServer upstream;
    private static LocalRunner runner;
    private static RecordingHttp http;
    private static String appId;
    private static String key;

    private static final SecretSearch search = new SecretSearch();
    /** Secrets that were only ever sent in requests Keyway refused, or in a connector deleted unused. */
    private static final List<String> sentOnly = new ArrayList<>();
    /** What resolve returned: legitimately secret, so kept apart from the search. */
    private static final List<String> resolved = new ArrayList<>();
    /** Resolve's error answers, which must not carry a secret: searched. */
    private static final List<String> resolveErrors = new ArrayList<>();

    @BeforeAll
    static void start(LocalAws localAws) throws Exception {
        aws = localAws;
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        stdio = StdioTee.start();
        bus = new BusQueue(aws);
        upstream = new EchoUpstreamServer();
        // A provider 401 through the proxy makes Keyway refresh: the new tokens are secrets like the others.
        upstream.answerTokenRequests(200, dev.keyway.core.Json.write(Map.of(
                "access_token", search.marker("refreshed access token"),
                "refresh_token", search.marker("rotated refresh token"), "expires_in", 3600, "token_type", "Bearer")));
        runner = LocalRunner.start(aws.stack(), 0);
        http = new RecordingHttp(runner.baseUrl());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        appId = admin.createApp("Canary", true, "canary-test").id();
        key = admin.createKey(appId, "canary-test").secretKey();
        search.add("app key", key);
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (bus != null) {
            bus.close();
        }
        if (stdio != null) {
            stdio.close();
        }
    }

    /** An account imported with marker secrets. */
    private record Account(String id, String method, String endUserId) {
    }

    @Test
    void noMarkerAppearsInAnyResponseLogLineEventOrItem() throws Exception {
        Instant started = Instant.now();
        putConnectors();
        List<Account> accounts = new ArrayList<>(importSingles());
        accounts.addAll(importBatch());
        rejectedInputs();
        readConnectors();
        readAccounts(accounts);
        for (Account account : accounts) {
            proxy(account);
        }
        Account keyAccount = accounts.get(0);
        String rotated = reimport(keyAccount);
        proxy(keyAccount);
        resolveAll(accounts, rotated);
        unreachableProvider();
        readLogs(accounts);
        deleteSome(accounts);
        // A last save without the client secrets keeps the stored ones (and, like every answer, shows neither).
        assertThat(http.put("/v1/connectors/" + CONNECTOR, key, connectorBody(null, null)).status())
                .isEqualTo(200);

        // Every auth event of the app reaches the bus (the stream poller feeds the audit publisher).
        Set<String> expected = authLogEventIds();
        Set<String> events = bus.awaitEvents(appId, expected, Duration.ofSeconds(30));
        assertThat(events).as("auth events of the app on the bus").containsAll(expected);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2 + 3 + accounts.size() + 1 + 6 + 1);
        bus.drain();

        // Everything to search.
        Map<String, String> corpus = new LinkedHashMap<>();
        for (var exchange : http.exchanges) {
            corpus.put("HTTP " + exchange.method() + " " + exchange.path() + " #" + corpus.size(), exchange.response());
        }
        corpus.put("stdout+stderr", stdio.text());
        List<String> bodies = bus.rawBodies();
        for (int i = 0; i < bodies.size(); i++) {
            corpus.put("event #" + i, bodies.get(i));
        }
        List<Map<String, AttributeValue>> items = scanTable();
        for (var item : items) {
            corpus.put("item " + item.get("pk").s() + " / " + item.get("sk").s(), flatten(item));
        }
        for (int i = 0; i < resolveErrors.size(); i++) {
            corpus.put("resolve error #" + i, resolveErrors.get(i));
        }

        // The corpus is what we think it is.
        assertThat(http.exchanges).hasSizeGreaterThan(60);
        assertThat(stdio.text()).contains("\"event\":\"proxy_call\"").contains("\"event\":\"linked_account_resolved\"")
                .contains("\"event\":\"auth_events_published\"").contains("\"event\":\"request_rejected\"");
        assertThat(bus.eventsOf(appId)).extracting(e -> e.get("detail-type").asText())
                .contains("LinkedAccount Imported", "LinkedAccount Updated", "LinkedAccount Deleted",
                        "LinkedAccount Revoked", "LinkedAccount Revocation Failed", "Connector Saved", "Connector Deleted");
        assertThat(items).as("the app's own items are in the scan")
                .anySatisfy(item -> assertThat(item.get("pk").s()).isEqualTo("LA#" + accounts.get(accounts.size() - 1).id()));
        assertThat(items).anySatisfy(item -> assertThat(flatten(item)).contains(accounts.get(accounts.size() - 1).id()));

        List<SecretSearch.Hit> hits = new ArrayList<>();
        corpus.forEach((where, text) -> hits.addAll(search.hits(where, text)));
        assertThat(hits).as("markers found where no secret may be").isEmpty();

        // Not vacuous: the same search finds the secrets where they legitimately went.
        String seenUpstream = String.join("\n", upstream.seen.stream().map(EchoUpstreamServer.Seen::text).toList());
        String resolvedText = String.join("\n", resolved);
        for (String label : List.of("key api key", "qkey api key", "basic pair", "oauth access token",
                "oauth refresh token", "oauth client secret pair", "oauth-b refresh token", "oauth-b client secret 2",
                "cc access token", "batch key api key", "batch basic pair", "batch cc access token", "key api key 2")) {
            assertThat(search.found(label, seenUpstream)).as("the upstream received " + label).isTrue();
        }
        for (String label : search.secrets().keySet()) {
            if (sentOnly.contains(label) || label.equals("app key") || label.equals("oauth client secret")) {
                continue; // the first OAuth client secret reaches the upstream as a Basic pair, checked above
            }
            assertThat(search.found(label, seenUpstream + "\n" + resolvedText))
                    .as(label + " was used (upstream or resolve), so the search can find it").isTrue();
        }
        for (String label : sentOnly) {
            String sent = String.join("\n", http.exchanges.stream()
                    .map(e -> e.requestBody() == null ? "" : e.requestBody()).toList());
            assertThat(search.found(label, sent)).as(label + " was sent").isTrue();
        }
        assertThat(search.found("app key", seenUpstream)).as("the app key is never forwarded").isFalse();
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(60));
        System.out.printf("canary: %d secrets (%d forms) searched in %d HTTP answers, %d KB of stdout/stderr,"
                        + " %d events, %d DynamoDB items; 0 hits; the upstream received %d requests%n",
                search.secrets().size(), search.needleCount(), http.exchanges.size(), stdio.text().length() / 1024, bodies.size(), items.size(),
                upstream.count());
    }

    // ---- connectors ----

    private static String clientSecret;
    private static String clientSecretB;

    private static Map<String, Object> connectorBody(String oauthSecret, String oauthBSecret) {
        String base = upstream.baseUrl();
        Map<String, Object> oauth = new LinkedHashMap<>(Map.of("id", "oauth", "type", "OAUTH2",
                "clientId", OAUTH_CLIENT_ID, "scopes", List.of("read"),
                "authorizationUrl", base + "/oauth/authorize", "tokenUrl", base + "/oauth/token",
                "revocationUrl", base + "/oauth/revoke"));
        Map<String, Object> oauthB = new LinkedHashMap<>(Map.of("id", "oauth-b", "type", "OAUTH2",
                "clientId", OAUTH_B_CLIENT_ID, "scopes", List.of("read"),
                "authorizationUrl", base + "/oauth-b/authorize", "tokenUrl", base + "/oauth-b/token",
                "revocationUrl", base + "/oauth-b/revoke-fail", "tokenEndpointAuth", "client_secret_post"));
        if (oauthSecret != null) {
            oauth.put("clientSecret", oauthSecret);
        }
        if (oauthBSecret != null) {
            oauthB.put("clientSecret", oauthBSecret);
        }
        return Map.of("provider", "custom", "displayName", "Canary CRM",
                "baseUrl", base + "/api/{tenant}",
                "connectionConfig", List.of(Map.of("name", "tenant", "label", "Tenant")),
                "authMethods", List.of(
                        Map.of("id", "key", "type", "API_KEY",
                                "inject", Map.of("in", "header", "name", "X-Api-Key", "prefix", "Key ")),
                        Map.of("id", "qkey", "type", "API_KEY", "inject", Map.of("in", "query", "name", "api_key")),
                        Map.of("id", "basic", "type", "BASIC"),
                        oauth, oauthB,
                        Map.of("id", "cc", "type", "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl", base + "/cc/token")));
    }

    private void putConnectors() {
        clientSecret = search.marker("oauth client secret");
        search.addPair("oauth client secret pair", OAUTH_CLIENT_ID, clientSecret);
        String firstSecretB = sentOnlyMarker("oauth-b client secret 1"); // replaced before any use
        var created = http.put("/v1/connectors/" + CONNECTOR, key, connectorBody(clientSecret, firstSecretB));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // Rotate the second method's client secret; the first is kept by leaving it out.
        clientSecretB = search.marker("oauth-b client secret 2");
        search.addPair("oauth-b client secret 2 pair", OAUTH_B_CLIENT_ID, clientSecretB);
        var rotated = http.put("/v1/connectors/" + CONNECTOR, key, connectorBody(null, clientSecretB));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);

        // A connector saved with its own secret and deleted unused.
        String tempSecret = sentOnlyMarker("temp connector client secret");
        var temp = http.put("/v1/connectors/" + TEMP_CONNECTOR, key, Map.of("provider", "custom", "displayName", "Temp",
                "baseUrl", upstream.baseUrl() + "/temp",
                "authMethods", List.of(Map.of("id", "oauth", "type", "OAUTH2", "clientId", "temp-client",
                        "clientSecret", tempSecret, "authorizationUrl", upstream.baseUrl() + "/temp/authorize",
                        "tokenUrl", upstream.baseUrl() + "/temp/token"))));
        assertThat(temp.status()).as(temp.toString()).isEqualTo(201);
        assertThat(http.get("/v1/connectors/" + TEMP_CONNECTOR, key).status()).isEqualTo(200);
        assertThat(http.delete("/v1/connectors/" + TEMP_CONNECTOR, key).status()).isEqualTo(204);
        assertThat(http.get("/v1/connectors/" + TEMP_CONNECTOR, key).status()).isEqualTo(404);
    }

    private void readConnectors() {
        var list = http.get("/v1/connectors", key);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(CONNECTOR);
        var one = http.get("/v1/connectors/" + CONNECTOR, key);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("authMethods")).hasSize(6);
        assertThat(http.get("/v1/providers", key).status()).isEqualTo(200);
    }

    // ---- imports ----

    private static String sentOnlyMarker(String label) {
        sentOnly.add(label);
        return search.marker(label);
    }

    private static Map<String, Object> importItem(String method, String endUserId, Map<String, Object> credentials) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("connector", CONNECTOR);
        item.put("authMethod", method);
        item.put("endUserId", endUserId);
        item.put("externalRef", "ref-" + endUserId);
        item.put("connectionConfig", Map.of("tenant", "acme"));
        item.put("credentials", credentials);
        return item;
    }

    /** One account per auth method of the connector, its secrets marked and labelled with {@code prefix}. */
    private static List<Map<String, Object>> itemsOfEveryMethod(String prefix, String endUserPrefix) {
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(importItem("key", endUserPrefix + "key", Map.of("apiKey", search.marker(prefix + "key api key"))));
        items.add(importItem("qkey", endUserPrefix + "qkey", Map.of("apiKey", search.marker(prefix + "qkey api key"))));
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String password = search.marker(prefix + "basic password");
        search.addPair(prefix + "basic pair", username, password);
        items.add(importItem("basic", endUserPrefix + "basic", Map.of("username", username, "password", password)));
        items.add(importItem("oauth", endUserPrefix + "oauth", Map.of(
                "accessToken", search.marker(prefix + "oauth access token"),
                "refreshToken", search.marker(prefix + "oauth refresh token"),
                "expiresIn", 3600, "scopes", List.of("read"), "tokenType", "Bearer",
                "raw", Map.of("id_token", sentOnlyMarker(prefix + "oauth raw id_token")))));
        items.add(importItem("oauth-b", endUserPrefix + "oauth-b", Map.of(
                "accessToken", search.marker(prefix + "oauth-b access token"),
                "refreshToken", search.marker(prefix + "oauth-b refresh token"),
                "expiresAt", "2030-01-01T00:00:00Z", "scopes", "read")));
        items.add(importItem("cc", endUserPrefix + "cc", Map.of(
                "clientId", search.marker(prefix + "cc client id"),
                "clientSecret", search.marker(prefix + "cc client secret"),
                "accessToken", search.marker(prefix + "cc access token"),
                "expiresIn", 3600)));
        return items;
    }

    private List<Account> importSingles() {
        List<Account> accounts = new ArrayList<>();
        for (var item : itemsOfEveryMethod("", "canary-user-")) {
            var response = http.post("/v1/linked-accounts/import", key, item);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            JsonNode json = response.json();
            assertThat(json.get("result").asText()).isEqualTo("created");
            accounts.add(new Account(json.at("/linkedAccount/id").asText(), (String) item.get("authMethod"),
                    (String) item.get("endUserId")));
        }
        return accounts;
    }

    private List<Account> importBatch() {
        var items = itemsOfEveryMethod("batch ", "canary-batch-");
        List<Object> body = new ArrayList<>(items);
        // Rejected items carrying secrets: the reasons must not repeat them.
        Map<String, Object> unknownMethod = importItem("nope", "canary-batch-bad-1",
                Map.of("apiKey", sentOnlyMarker("batch rejected unknown method")));
        Map<String, Object> unknownField = importItem("key", "canary-batch-bad-2",
                Map.of("apiKey", sentOnlyMarker("batch rejected api key"), "extra", sentOnlyMarker("batch rejected extra")));
        Map<String, Object> wrongType = importItem("basic", "canary-batch-bad-3",
                Map.of("username", "u", "password", Map.of("nested", sentOnlyMarker("batch rejected password"))));
        body.add(unknownMethod);
        body.add(unknownField);
        body.add(wrongType);
        String json = Json.write(Map.of("items", body));
        var response = http.post("/v1/linked-accounts/import/batch", key, json);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode results = response.json();
        assertThat(results.get("created").asInt()).isEqualTo(6);
        assertThat(results.get("rejected").asInt()).isEqualTo(3);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode result = results.get("results").get(i);
            assertThat(result.get("result").asText()).as(result.toString()).isEqualTo("created");
            var item = items.get(i);
            accounts.add(new Account(result.at("/linkedAccount/id").asText(), (String) item.get("authMethod"),
                    (String) item.get("endUserId")));
        }
        return accounts;
    }

    /** Requests Keyway refuses, each carrying a secret that must not come back in the error. */
    private void rejectedInputs() {
        String truncated = "{\"connector\":\"" + CONNECTOR + "\",\"authMethod\":\"key\",\"endUserId\":\"u\","
                + "\"credentials\":{\"apiKey\":\"" + sentOnlyMarker("malformed json api key") + "\"";
        expectStatus(http.post("/v1/linked-accounts/import", key, truncated), 400);
        String badEscape = "{\"credentials\":{\"apiKey\":\"" + sentOnlyMarker("bad escape api key") + "\\q\"}}";
        expectStatus(http.post("/v1/linked-accounts/import", key, badEscape), 400);
        String wrongTopType = Json.write(Map.of("connector", List.of(sentOnlyMarker("wrong type connector")),
                "authMethod", "key", "endUserId", "u", "credentials", Map.of("apiKey", "x")));
        expectStatus(http.post("/v1/linked-accounts/import", key, wrongTopType), 400);
        String unknownTop = Json.write(Map.of("connector", CONNECTOR, "authMethod", "key", "endUserId", "u",
                "apiKey", sentOnlyMarker("unknown top-level field"), "credentials", Map.of("apiKey", "x")));
        expectStatus(http.post("/v1/linked-accounts/import", key, unknownTop), 400);
        String noConnector = Json.write(importItemWith("no-such-connector", "key",
                Map.of("apiKey", sentOnlyMarker("unknown connector api key"))));
        expectStatus(http.post("/v1/linked-accounts/import", key, noConnector), 400);
        String wrongCredentialType = Json.write(importItemWith(CONNECTOR, "oauth",
                Map.of("accessToken", List.of(sentOnlyMarker("array access token")), "expiresIn", 60)));
        expectStatus(http.post("/v1/linked-accounts/import", key, wrongCredentialType), 400);
        String badExpiry = Json.write(importItemWith(CONNECTOR, "oauth",
                Map.of("accessToken", sentOnlyMarker("bad expiry access token"), "expiresAt", "tomorrow")));
        expectStatus(http.post("/v1/linked-accounts/import", key, badExpiry), 400);
        String tooLong = Json.write(importItemWith(CONNECTOR, "key",
                Map.of("apiKey", sentOnlyMarker("oversize api key") + "x".repeat(9000))));
        expectStatus(http.post("/v1/linked-accounts/import", key, tooLong), 400);
        // Verification cannot run for a custom connector: refused, or stored; either way nothing leaks.
        Map<String, Object> verify = importItemWith(CONNECTOR, "key", Map.of("apiKey", sentOnlyMarker("verify api key")));
        verify.put("verify", true);
        String verifyBody = Json.write(verify);
        var verified = http.post("/v1/linked-accounts/import", key, verifyBody);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(400);
        String batchNotJson = "{\"items\":[{\"credentials\":{\"password\":\"" + sentOnlyMarker("batch malformed password") + "\"}";
        expectStatus(http.post("/v1/linked-accounts/import/batch", key, batchNotJson), 400);

        // The connector API refuses a bad definition without echoing its client secret.
        String badConnector = Json.write(Map.of("provider", "custom", "displayName", "Bad", "baseUrl", upstream.baseUrl(),
                "authMethods", List.of(Map.of("id", "oauth", "type", "OAUTH2", "clientId", "c",
                        "clientSecret", sentOnlyMarker("bad connector client secret"),
                        "authorizationUrl", "not a url", "tokenUrl", "ftp://x"))));
        expectStatus(http.put("/v1/connectors/canary-bad", key, badConnector), 400);
        String truncatedConnector = "{\"provider\":\"custom\",\"authMethods\":[{\"id\":\"o\",\"type\":\"OAUTH2\","
                + "\"clientSecret\":\"" + sentOnlyMarker("truncated connector client secret") + "\"";
        expectStatus(http.put("/v1/connectors/canary-bad", key, truncatedConnector), 400);
    }

    private static Map<String, Object> importItemWith(String connector, String method, Map<String, Object> credentials) {
        Map<String, Object> item = importItem(method, "canary-rejected", credentials);
        item.put("connector", connector);
        return item;
    }

    private static void expectStatus(RecordingHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().has("error")).isTrue();
    }

    private String reimport(Account account) {
        String rotated = search.marker("key api key 2");
        var item = importItem("key", account.endUserId(), Map.of("apiKey", rotated));
        var response = http.post("/v1/linked-accounts/import", key, item);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("result").asText()).isEqualTo("updated");
        assertThat(response.json().at("/linkedAccount/id").asText()).isEqualTo(account.id());
        return rotated;
    }

    // ---- reading ----

    private void readAccounts(List<Account> accounts) {
        for (Account account : accounts) {
            var one = http.get("/v1/linked-accounts/" + account.id(), key);
            assertThat(one.status()).as(one.toString()).isEqualTo(200);
            assertThat(one.json().get("authMethod").asText()).isEqualTo(account.method());
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            var page = http.get("/v1/linked-accounts?limit=5" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("data").forEach(a -> listed.add(a.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(listed).containsAll(accounts.stream().map(Account::id).toList());
        assertThat(http.get("/v1/linked-accounts?connector=" + CONNECTOR, key).status()).isEqualTo(200);
        assertThat(http.get("/v1/linked-accounts?endUserId=canary-user-basic", key).json().get("data")).hasSize(1);
        assertThat(http.get("/v1/linked-accounts?endUserId=canary-user-cc&connector=" + CONNECTOR + "&status=CONNECTED", key)
                .json().get("data")).hasSize(1);
        assertThat(http.get("/v1/linked-accounts?status=NEEDS_REAUTH", key).status()).isEqualTo(200);
    }

    private void proxy(Account account) {
        String base = "/v1/proxy/" + account.id();
        var get = http.send("GET", base + "/echo/items?page=1&q=canary", key, null, Map.of("X-Trace", "t-1"));
        assertThat(get.status()).as(account.method() + " " + get).isEqualTo(200);
        assertThat(get.json().get("rawPath").asText()).isEqualTo("/api/acme/echo/items");
        var post = http.send("POST", base + "/echo/items", key, "{\"name\":\"widget\"}", Map.of());
        assertThat(post.status()).as(post.toString()).isEqualTo(200);
        var unauthorized = http.send("PATCH", base + "/status/401/me", key, "{}", Map.of());
        assertThat(unauthorized.status()).as(unauthorized.toString()).isEqualTo(401);
        var failing = http.send("DELETE", base + "/status/500/me", key, null, Map.of());
        assertThat(failing.status()).as(failing.toString()).isIn(500, 502);
        var compressed = http.send("GET", base + "/gzip/items", key, null, Map.of("Accept-Encoding", "gzip"));
        assertThat(compressed.status()).as(compressed.toString()).isEqualTo(200);
        assertThat(compressed.json().get("rawPath").asText()).isEqualTo("/api/acme/gzip/items");
    }

    /** A provider that does not answer: the proxy's error must not name the URL (its query holds the key). */
    private void unreachableProvider() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var connector = http.put("/v1/connectors/canary-down", key, Map.of("provider", "custom", "displayName", "Down",
                "baseUrl", "http://127.0.0.1:" + closedPort + "/api",
                "authMethods", List.of(Map.of("id", "qkey", "type", "API_KEY", "inject", Map.of("in", "query", "name", "key")))));
        assertThat(connector.status()).as(connector.toString()).isEqualTo(201);
        String apiKey = search.marker("unreachable api key");
        var imported = http.post("/v1/linked-accounts/import", key, Map.of("connector", "canary-down", "authMethod", "qkey",
                "endUserId", "canary-down-user", "credentials", Map.of("apiKey", apiKey)));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String id = imported.json().at("/linkedAccount/id").asText();
        var down = http.get("/v1/proxy/" + id + "/things?x=1", key);
        assertThat(down.status()).as(down.toString()).isEqualTo(502);
        Object out = new ResolveHandler().handleRequest(new ResolveService.Request(appId, id, null, null), null);
        resolved.add(Json.write(out));
    }

    private void resolveAll(List<Account> accounts, String rotatedKey) {
        var handler = new ResolveHandler();
        for (Account account : accounts) {
            Object out = handler.handleRequest(new ResolveService.Request(appId, account.id(), null, null), null);
            assertThat(out).as(account.method()).isInstanceOf(ResolveService.Resolved.class);
            resolved.add(Json.write(out));
        }
        assertThat(resolved.get(0)).contains(rotatedKey);
        Object byUser = handler.handleRequest(new ResolveService.Request(appId, null, "canary-user-oauth", CONNECTOR), null);
        assertThat(byUser).isInstanceOf(ResolveService.Resolved.class);
        resolved.add(Json.write(byUser));
        for (var request : List.of(new ResolveService.Request(appId, "la_unknown", null, null),
                new ResolveService.Request(appId, null, "nobody", CONNECTOR),
                new ResolveService.Request(null, accounts.get(0).id(), null, null),
                new ResolveService.Request("app_other", accounts.get(0).id(), null, null))) {
            Object out = handler.handleRequest(request, null);
            assertThat(out).isInstanceOf(Map.class);
            resolveErrors.add(Json.write(out));
        }
    }

    private void readLogs(List<Account> accounts) {
        int entries = 0;
        String cursor = null;
        do {
            var page = http.get("/v1/logs?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            entries += page.json().get("data").size();
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(entries).isGreaterThanOrEqualTo(accounts.size());
        for (Account account : accounts) {
            var log = http.get("/v1/logs?linkedAccountId=" + account.id(), key);
            assertThat(log.status()).isEqualTo(200);
            assertThat(log.json().get("data")).isNotEmpty();
        }
        assertThat(http.get("/v1/logs?type=linked_account.imported", key).status()).isEqualTo(200);
        assertThat(http.get("/v1/logs?endUserId=canary-user-key&since=2020-01-01T00:00:00Z", key).json().get("data"))
                .isNotEmpty();
    }

    private void deleteSome(List<Account> accounts) {
        // The single imports of every type are deleted (OAuth: revoked at the upstream, or queued for a
        // retry when the revocation endpoint fails); the batch ones stay, so the scan sees stored secrets.
        for (Account account : accounts.subList(0, 6)) {
            var deleted = http.delete("/v1/linked-accounts/" + account.id(), key);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
            assertThat(http.get("/v1/linked-accounts/" + account.id(), key).status()).isEqualTo(404);
            assertThat(http.delete("/v1/linked-accounts/" + account.id(), key).status()).isEqualTo(404);
            assertThat(http.get("/v1/proxy/" + account.id() + "/echo", key).status()).isEqualTo(404);
        }
    }

    // ---- the stores ----

    /** The ids of every auth-log entry of the app, read from the table itself. */
    private static Set<String> authLogEventIds() {
        Set<String> ids = new java.util.HashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = table.client().query(QueryRequest.builder().tableName(table.name())
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("LOG#" + appId)))
                    .consistentRead(true).exclusiveStartKey(start).build());
            page.items().forEach(item -> ids.add(item.get("eventId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    private static List<Map<String, AttributeValue>> scanTable() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = table.client().scan(ScanRequest.builder().tableName(table.name()).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Every attribute name and value of an item as text; binary both as base64 and as raw bytes. */
    static String flatten(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder();
        item.forEach((name, value) -> {
            out.append(name).append('=');
            flatten(value, out);
            out.append('\n');
        });
        return out.toString();
    }

    private static void flatten(AttributeValue value, StringBuilder out) {
        if (value.s() != null) {
            out.append(value.s());
        } else if (value.n() != null) {
            out.append(value.n());
        } else if (value.b() != null) {
            byte[] bytes = value.b().asByteArray();
            out.append(Base64.getEncoder().encodeToString(bytes)).append(' ')
                    .append(new String(bytes, StandardCharsets.ISO_8859_1));
        } else if (value.hasSs()) {
            out.append(value.ss());
        } else if (value.hasNs()) {
            out.append(value.ns());
        } else if (value.hasBs()) {
            value.bs().forEach(b -> flatten(AttributeValue.fromB(b), out.append(' ')));
        } else if (value.hasM()) {
            value.m().forEach((k, v) -> {
                out.append(" {").append(k).append(':');
                flatten(v, out);
                out.append('}');
            });
        } else if (value.hasL()) {
            value.l().forEach(v -> flatten(v, out.append(' ')));
        } else {
            out.append(value);
        }
    }
}
