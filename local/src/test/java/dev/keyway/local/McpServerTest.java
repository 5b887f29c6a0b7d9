package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Hashes;
import dev.keyway.core.Json;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * MCP servers over real HTTP on the local runner: the resource API, the MCP endpoint speaking
 * JSON-RPC (as any MCP client would send it), bad input answered with protocol-correct errors
 * and never a 5xx, revocation and rotation taking effect at once, and the canary: the stored API
 * key and every server token are searched for in every response, every line the functions
 * printed, the auth log and every raw DynamoDB item.
 */
@ExtendWith(LocalAwsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpServerTest {
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final String ORIGIN = "https://agent.example.com";

    private static KeywayTable table;
    private static StdioTee stdio;
    private static EchoUpstreamServer upstream;
    private static LocalRunner runner;
    private static RecordingHttp http;
    private static String key;
    private static String otherKey;
    private static String apiKey;
    private static String serverId;
    private static String serverPath;
    private static final SecretSearch search = new SecretSearch();
    private static final List<String> tokens = new ArrayList<>();
    private static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        stdio = StdioTee.start();
        upstream = new EchoUpstreamServer();
        runner = LocalRunner.start(aws.stack(), 0);
        http = new RecordingHttp(runner.baseUrl());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        var app = admin.createApp("MCP app", true, "test");
        admin.setAllowedOrigins(app.id(), List.of(ORIGIN), "test");
        key = admin.createKey(app.id(), "test").secretKey();
        otherKey = admin.createKey(admin.createApp("Other app", true, "test").id(), "test").secretKey();

        for (String connector : List.of("crm", "ghost")) {
            assertThat(http.put("/v1/connectors/" + connector, key, Map.of("provider", "custom",
                    "displayName", connector.equals("crm") ? "Acme CRM" : "Ghost Mail", "baseUrl", upstream.baseUrl() + "/api",
                    "authMethods", List.of(Map.of("id", "key", "type", "API_KEY",
                            "inject", Map.of("in", "header", "name", "X-API-Key"))))).status()).isIn(200, 201);
        }
        assertThat(http.put("/v1/connectors/gh", key, Map.of("provider", "github", "authMethods", List.of(Map.of(
                "id", "oauth", "type", "OAUTH2", "clientId", "gh-client", "clientSecret", "gh-secret")))).status()).isIn(200, 201);
        apiKey = search.marker("stored api key");
        assertThat(http.post("/v1/linked-accounts/import", key, Map.of("connector", "crm", "authMethod", "key",
                "endUserId", "u-1", "credentials", Map.of("apiKey", apiKey))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (stdio != null) {
            stdio.close();
        }
    }

    @Test
    @Order(0)
    void accessLogFormat_logsTheRouteKeyNeverThePathThatCarriesTheToken() throws Exception {
        String template = java.nio.file.Files.readString(dev.keyway.provisioning.Template.locate());
        String format = template.lines().filter(l -> l.strip().startsWith("Format:")).findFirst().orElseThrow();
        assertThat(format).contains("$context.routeKey")
                .doesNotContain("$context.path").doesNotContain("$context.http.path").doesNotContain("$request.path")
                .doesNotContain("$context.requestOverride").doesNotContain("$request.header");
    }

    @Test
    @Order(1)
    void create_thenTheUrlCarriesA256BitTokenShownOnce() {
        var created = http.post("/v1/mcp-servers", key, Map.of("endUserId", "u-1", "connectors", List.of("crm", "ghost"),
                "name", "Claude for u-1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created.body());
        serverId = body.get("id").asText();
        String url = body.get("serverUrl").asText();
        assertThat(serverId).matches("mcp_[a-z2-7]{26}");
        assertThat(url).startsWith(runner.baseUrl() + "/mcp/mcps_").matches(".*/mcp/mcps_[a-z2-7]{78}");
        serverPath = url.substring(runner.baseUrl().length());
        String token = serverPath.substring("/mcp/".length());
        remember(token);

        var list = http.get("/v1/mcp-servers", key);
        assertThat(list.status()).isEqualTo(200);
        assertThat(json(list.body()).get("data").get(0).get("connectors").toString()).isEqualTo("[\"crm\",\"ghost\"]");
        assertThat(list.body()).contains(serverId).doesNotContain(token).doesNotContain("tokenMac");
        assertThat(json(http.get("/v1/mcp-servers", otherKey).body()).get("data")).isEmpty();

        // Stored as a keyed hash: neither the token nor its plain SHA-256 is in the table.
        String items = scanTable();
        assertThat(items).contains(serverId).doesNotContain(token).doesNotContain(Hashes.sha256Hex(token));
    }

    @Test
    @Order(2)
    void create_withBadInput_thenA400AndNothingStored() {
        for (Object body : List.of(Map.of("endUserId", "u-1", "connectors", List.of()),
                Map.of("endUserId", "u-1", "connectors", List.of("nope")),
                Map.of("endUserId", "", "connectors", List.of("crm")),
                Map.of("endUserId", "u-1", "connectors", List.of("crm"), "expiresAt", "2001-01-01T00:00:00Z"),
                Map.of("endUserId", "u-1", "connectors", List.of("crm"), "surprise", true),
                "[1,2")) {
            var response = http.post("/v1/mcp-servers", key, body);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("invalid_request");
        }
        assertThat(json(http.get("/v1/mcp-servers", key).body()).get("data")).hasSize(1); // only the first test's
    }

    @Test
    @Order(3)
    void initializeAndListTools_thenOneRequestToolPerConnectorAndListConnections() {
        JsonNode init = rpc(serverPath, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "test", "version", "1")));
        assertThat(init.at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(init.at("/result/serverInfo/name").asText()).isEqualTo("keyway");
        assertThat(init.at("/result/capabilities/tools").isObject()).isTrue();

        JsonNode tools = rpc(serverPath, "tools/list", Map.of());
        List<String> names = new ArrayList<>();
        tools.at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("list_connections", "crm_request", "ghost_request");
        assertThat(tools.toString()).doesNotContain("header"); // no way to pass a credential in
    }

    @Test
    @Order(4)
    void requestTool_withALinkedAccount_thenTheUpstreamAnswerWithTheCredentialRedacted() {
        JsonNode result = call(serverPath, "crm_request", Map.of("path", "/things/42", "query", Map.of("q", "a b")));
        assertThat(result.get("isError").asBoolean()).isFalse();
        JsonNode structured = result.get("structuredContent");
        assertThat(structured.get("status").asInt()).isEqualTo(200);
        assertThat(structured.at("/body/rawPath").asText()).isEqualTo("/api/things/42");
        assertThat(structured.at("/body/rawQuery").asText()).isEqualTo("q=a%20b");
        assertThat(structured.get("redacted").asBoolean()).as("the echoed API key was redacted").isTrue();
        // The upstream did receive the credential: the search below is not vacuous.
        assertThat(search.found("stored api key", upstream.seen.getLast().text())).isTrue();
    }

    @Test
    @Order(5)
    void requestTool_withoutALinkedAccount_thenAConnectLinkForThatConnectorAndAnAuthLogEntry() {
        JsonNode result = call(serverPath, "ghost_request", Map.of("path", "/inbox"));
        JsonNode structured = result.get("structuredContent");
        assertThat(structured.get("status").asText()).isEqualTo("connection_required");
        assertThat(structured.get("reason").asText()).isEqualTo("NOT_CONNECTED");
        assertThat(structured.get("connectUrl").asText()).matches(runner.baseUrl().replace(".", "\\.")
                + "/connect\\?session=cs_[a-z2-7]{52}");
        assertThat(result.at("/content/0/text").asText()).contains("Connect your Ghost Mail account")
                .contains(structured.get("connectUrl").asText());

        JsonNode connections = call(serverPath, "list_connections", Map.of()).at("/structuredContent/connections");
        assertThat(connections.toString()).contains("\"connector\":\"crm\"").contains("\"status\":\"CONNECTED\"")
                .contains("\"connector\":\"ghost\"").contains("\"status\":\"NOT_CONNECTED\"");

        String log = http.get("/v1/logs?endUserId=u-1", key).body();
        assertThat(log).contains("mcp.connection_required").contains("mcp_server.created")
                .contains("\"actor\":\"mcp:" + serverId + "\"");
    }

    @Test
    @Order(52)
    void urlElicitationClient_thenTheLinkAsError32042_otherClientsOfTheSameServerStillGetAToolResult() {
        String path = newServer("u-3", "ghost");
        var init = send(path, message("initialize", Map.of("protocolVersion", "2025-11-25",
                "capabilities", Map.of("elicitation", Map.of("url", Map.of())),
                "clientInfo", Map.of("name", "elicit", "version", "1"))), ACCEPT, null);
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        String session = init.headers().get("mcp-session-id").getFirst();
        assertThat(session).matches("ks1\\.url\\.[a-z2-7]{26}\\.[A-Za-z0-9_-]+\\.[0-9a-f]{64}");

        var response = send(path, message("tools/call", Map.of("name", "ghost_request", "arguments", Map.of("path", "/inbox"))),
                ACCEPT, Map.of("mcp-session-id", session, "mcp-protocol-version", "2025-11-25"));
        assertThat(response.status()).isEqualTo(200);
        JsonNode error = json(response.body()).get("error");
        assertThat(error.get("code").asInt()).as(response.body()).isEqualTo(-32042);
        JsonNode elicitation = error.at("/data/elicitations/0");
        assertThat(elicitation.get("mode").asText()).isEqualTo("url");
        assertThat(elicitation.get("url").asText()).matches(runner.baseUrl().replace(".", "\\.")
                + "/connect\\?session=cs_[a-z2-7]{52}");
        assertThat(elicitation.get("elicitationId").asText()).matches("el_[a-z2-7]{26}");
        assertThat(elicitation.get("message").asText()).startsWith("Connect your Ghost Mail account");
        assertThat(error.at("/data/elicitations").size()).isEqualTo(1);
        assertThat(http.get("/v1/logs?endUserId=u-3", key).body()).contains("\"delivery\":\"url_elicitation\"")
                .contains("\"elicitationId\":\"" + elicitation.get("elicitationId").asText() + "\"");

        // Another client of the same URL that did not declare it, one on an older revision, and one that sent no
        // session id: each gets the tool-result link, whatever the first client declared.
        var plain = send(path, message("initialize", Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "plain", "version", "1"))), ACCEPT, null);
        var older = send(path, message("initialize", Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of("elicitation", Map.of("url", Map.of())),
                "clientInfo", Map.of("name", "older", "version", "1"))), ACCEPT, null);
        for (String other : List.of(plain.headers().get("mcp-session-id").getFirst(),
                older.headers().get("mcp-session-id").getFirst())) {
            assertThat(other).startsWith("ks1.none.");
            var answer = send(path, message("tools/call", Map.of("name", "ghost_request", "arguments", Map.of("path", "/inbox"))),
                    ACCEPT, Map.of("mcp-session-id", other));
            assertThat(json(answer.body()).at("/result/structuredContent/status").asText()).as(answer.body())
                    .isEqualTo("connection_required");
        }
        assertThat(call(path, "ghost_request", Map.of("path", "/inbox")).at("/structuredContent/status").asText())
                .isEqualTo("connection_required");

        // An id edited to claim the capability, or taken to another server, is not one this server issued: 404.
        String edited = plain.headers().get("mcp-session-id").getFirst().replace("ks1.none.", "ks1.url.");
        assertError(send(path, message("tools/list", Map.of()), ACCEPT, Map.of("mcp-session-id", edited)), 404, -32600);
        assertError(send(serverPath, message("tools/list", Map.of()), ACCEPT, Map.of("mcp-session-id", session)), 404, -32600);
    }

    @Test
    @Order(53)
    void connectingThroughAnInlineLink_recordsConnectedFromLinkWithTheConnection_beforeAnyFurtherToolCall() {
        String path = newServer("u-4", "ghost");
        String link = call(path, "ghost_request", Map.of("path", "/inbox")).at("/structuredContent/connectUrl").asText();
        String sessionToken = link.substring(link.indexOf("session=") + "session=".length());
        var connected = http.send("POST", "/v1/connect/credentials", sessionToken, Json.write(Map.of("connector", "ghost",
                "authMethod", "key", "fields", Map.of("apiKey", "ghost-key-from-the-form"))), Map.of("origin", ORIGIN));
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);

        assertThat(logEntries("u-4", "mcp.connected_from_link")).hasSize(1);
        assertThat(logEntries("u-4", "linked_account.connected")).hasSize(1);
        String mcpServerId = logEntries("u-4", "mcp.connection_required").getFirst().at("/details/mcpServerId").asText();
        JsonNode entry = logEntries("u-4", "mcp.connected_from_link").getFirst();
        assertThat(entry.get("actor").asText()).isEqualTo("mcp:" + mcpServerId);
        assertThat(entry.at("/details/flow").asText()).isEqualTo("sdk");
        assertThat(entry.at("/details/mcpServerId").asText()).isEqualTo(mcpServerId);
        assertThat(entry.get("linkedAccountId").asText()).isEqualTo(json(connected.body()).get("linkedAccountId").asText());

        // The same call now works; it records nothing more about the link.
        assertThat(call(path, "ghost_request", Map.of("path", "/inbox")).at("/structuredContent/status").asInt()).isEqualTo(200);
        assertThat(logEntries("u-4", "mcp.connected_from_link")).hasSize(1);
    }

    @Test
    @Order(54)
    void oauthFlowFromAnInlineLink_whenDenied_thenItsAuthLogEntryNamesTheServerAndNothingIsConnected() throws Exception {
        String path = newServer("u-5", "gh");
        String link = call(path, "gh_request", Map.of("path", "/user")).at("/structuredContent/connectUrl").asText();
        Browser browser = new Browser();
        browser.follow(link, "https://github.com/");
        assertThat(browser.last()).startsWith("https://github.com/login/oauth/authorize?");
        String state = ConnectFlowTest.query(browser.last()).get("state");

        var page = browser.get(runner.baseUrl() + "/oauth/callback?error=access_denied&state=" + state);

        assertThat(page.statusCode()).isEqualTo(200);
        String mcpServerId = logEntries("u-5", "mcp.connection_required").getFirst().at("/details/mcpServerId").asText();
        assertThat(mcpServerId).startsWith("mcp_");
        assertThat(logEntries("u-5", "connect.denied")).singleElement()
                .satisfies(e -> assertThat(e.at("/details/mcpServerId").asText()).isEqualTo(mcpServerId));
        assertThat(logEntries("u-5", "mcp.connected_from_link")).isEmpty();
    }

    @Test
    @Order(6)
    void curatedTools_forACatalogConnector_thenListedWithNamedArgumentsAndInlineAuthToo() {
        String path = newServer("u-2", "gh");
        JsonNode tools = rpc(path, "tools/list", Map.of()).at("/result/tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("list_connections", "gh_request", "gh_list_repositories");
        JsonNode curated = rpc(path, "tools/list", Map.of()).at("/result/tools/2");
        assertThat(curated.at("/inputSchema/properties").has("page")).isTrue();

        JsonNode result = call(path, "gh_list_repositories", Map.of("page", "2"));
        assertThat(result.at("/structuredContent/status").asText()).isEqualTo("connection_required");
        assertThat(result.at("/content/0/text").asText()).contains("Connect your GitHub account");
        JsonNode wrong = call(path, "gh_list_repositories", Map.of("page", 2));
        assertThat(wrong.at("/structuredContent/error/code").asText()).isEqualTo("invalid_arguments");
    }

    @Test
    @Order(61)
    void requestTool_whenTheAccountNeedsReauth_thenAReconnectLinkForThatAccount() {
        String accountId = json(http.get("/v1/linked-accounts?endUserId=u-1&connector=crm", key).body())
                .at("/data/0/id").asText();
        // What the refresher does when the provider refuses the grant, written as it would be.
        table.client().updateItem(b -> b.tableName(table.name()).key(Map.of("pk", AttributeValue.fromS("LA#" + accountId),
                        "sk", AttributeValue.fromS("LA")))
                .updateExpression("SET #s = :s, statusReason = :r")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("NEEDS_REAUTH"), ":r", AttributeValue.fromS("invalid_grant"))));
        int upstreamCalls = upstream.count();

        JsonNode result = call(serverPath, "crm_request", Map.of("path", "/things/42"));
        JsonNode structured = result.get("structuredContent");
        assertThat(structured.get("status").asText()).isEqualTo("connection_required");
        assertThat(structured.get("reason").asText()).isEqualTo("NEEDS_REAUTH");
        assertThat(result.at("/content/0/text").asText()).startsWith("Reconnect your Acme CRM account");
        assertThat(upstream.count()).as("nothing was sent with the refused credentials").isEqualTo(upstreamCalls);
        JsonNode log = json(http.get("/v1/logs?linkedAccountId=" + accountId, key).body()).get("data");
        assertThat(log.toString()).contains("mcp.connection_required").contains("\"reason\":\"needs_reauth\"")
                .contains("connect_session.created");
        JsonNode listed = call(serverPath, "list_connections", Map.of()).at("/structuredContent/connections/0");
        assertThat(listed.get("status").asText()).isEqualTo("NEEDS_REAUTH");
        assertThat(listed.get("statusReason").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @Order(62)
    void expiredServer_thenRefusedLikeAnUnknownOne() {
        var created = http.post("/v1/mcp-servers", key, Map.of("endUserId", "u-3", "connectors", List.of("crm"),
                "expiresAt", Instant.now().plusSeconds(3600).toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created.body());
        String path = body.get("serverUrl").asText().substring(runner.baseUrl().length());
        remember(path.substring("/mcp/".length()));
        assertThat(send(path, message("tools/list", Map.of()), ACCEPT, null).status()).isEqualTo(200);
        // The hour passes: the stored expiry moved into the past, as time would move it.
        table.client().updateItem(b -> b.tableName(table.name()).key(Map.of("pk", AttributeValue.fromS("MCP#" + body.get("id").asText()),
                        "sk", AttributeValue.fromS("MCP")))
                .updateExpression("SET expiresAt = :e")
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(Instant.now().minusSeconds(1).toString()))));
        var expired = send(path, message("tools/list", Map.of()), ACCEPT, null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(json(expired.body()).at("/error/code").asText()).isEqualTo("invalid_server_token");
    }

    @Test
    @Order(70)
    void badInput_thenProtocolCorrectErrorsAndNever5xx() {
        assertError(send(serverPath, "{\"jsonrpc\":\"2.0\",", ACCEPT, null), 400, -32700);
        assertError(send(serverPath, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]", ACCEPT, null), 400, -32600);
        assertError(send(serverPath, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", ACCEPT, null), 400, -32600);
        assertError(send(serverPath, "{\"jsonrpc\":\"2.0\",\"id\":1}", ACCEPT, null), 400, -32600);
        assertError(send(serverPath, message("tools/list", Map.of()), "text/html", null), 406, -32600);
        assertError(send(serverPath, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(1_100_000) + "\"}}", ACCEPT, null), 413, -32600);

        JsonNode unknownMethod = rpc(serverPath, "no/such/method", Map.of());
        assertThat(unknownMethod.at("/error/code").asInt()).isEqualTo(-32601);
        JsonNode unknownTool = rpc(serverPath, "tools/call", Map.of("name", "nope_request", "arguments", Map.of()));
        assertThat(unknownTool.at("/error/code").asInt()).as(unknownTool.toString()).isEqualTo(-32602);
        for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of("path", 5), Map.of("path", "/x", "method", "TRACE"),
                Map.of("path", "/x", "query", "a=b"), Map.of("path", "https://evil.example/"),
                Map.of("path", "/a/../../admin"), Map.of("path", "/x", "headers", Map.of("X-API-Key", "mine")),
                Map.of())) {
            JsonNode result = call(serverPath, "crm_request", args);
            assertThat(result.get("isError").asBoolean()).as(args.toString()).isTrue();
            assertThat(result.at("/structuredContent/error/code").asText()).isEqualTo("invalid_arguments");
        }

        var wrongOrigin = send(serverPath, message("tools/list", Map.of()), ACCEPT, Map.of("origin", "https://evil.example"));
        assertThat(wrongOrigin.status()).isEqualTo(403);
        var rightOrigin = send(serverPath, message("tools/list", Map.of()), ACCEPT, Map.of("origin", ORIGIN));
        assertThat(rightOrigin.status()).isEqualTo(200);
        assertThat(send(serverPath, "", ACCEPT, null).status()).isEqualTo(400);
        assertThat(http.get(serverPath, null).status()).isEqualTo(405);
        assertThat(http.exchanges.stream().filter(e -> e.path().startsWith("/mcp")).mapToInt(RecordingHttp.Exchange::status))
                .allMatch(status -> status < 500);
    }

    @Test
    @Order(80)
    void tokenAsBearer_worksAndNeverInAQueryString() {
        String token = serverPath.substring("/mcp/".length());
        var bearer = http.send("POST", "/mcp", token, message("tools/list", Map.of()), Map.of("accept", ACCEPT));
        assertThat(bearer.status()).as(bearer.body()).isEqualTo(200);
        assertThat(bearer.body()).contains("crm_request");
        var query = http.send("POST", "/mcp?token=" + token, null, message("tools/list", Map.of()), Map.of("accept", ACCEPT));
        assertThat(query.status()).isEqualTo(401);
    }

    @Test
    @Order(90)
    void rotateThenRevoke_thenTheOldUrlIsRefusedAtOnceWithNothingRevealed() {
        assertThat(http.post("/v1/mcp-servers/" + serverId + "/rotate-token", otherKey, "").status()).isEqualTo(404);
        var rotated = http.post("/v1/mcp-servers/" + serverId + "/rotate-token", key, "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newPath = json(rotated.body()).get("serverUrl").asText().substring(runner.baseUrl().length());
        remember(newPath.substring("/mcp/".length()));
        var old = send(serverPath, message("tools/list", Map.of()), ACCEPT, null);
        assertThat(old.status()).isEqualTo(401);
        assertThat(send(newPath, message("tools/list", Map.of()), ACCEPT, null).status()).isEqualTo(200);

        assertThat(http.delete("/v1/mcp-servers/" + serverId, otherKey).status()).isEqualTo(404);
        assertThat(http.delete("/v1/mcp-servers/" + serverId, key).status()).isEqualTo(204);
        var revoked = send(newPath, message("tools/list", Map.of()), ACCEPT, null);
        assertThat(revoked.status()).isEqualTo(401);
        var unknown = send("/mcp/mcps_" + "a".repeat(78), message("tools/list", Map.of()), ACCEPT, null);
        assertThat(revoked.body()).isEqualTo(old.body()).isEqualTo(unknown.body());
        assertThat(json(revoked.body())).isEqualTo(json(
                "{\"error\":{\"code\":\"invalid_server_token\",\"message\":\"unknown, revoked or expired MCP server URL\"}}"));
        assertThat(http.delete("/v1/mcp-servers/" + serverId, key).status()).isEqualTo(404);
        assertThat(http.get("/v1/logs", key).body()).contains("mcp_server.token_rotated").contains("mcp_server.revoked");
    }

    @Test
    @Order(100)
    void canary_noStoredCredentialNorServerTokenInResponsesLogsAuthLogOrTable() {
        String authLog = http.get("/v1/logs?endUserId=u-1", key).body();
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("stdout+stderr", stdio.text());
        corpus.put("auth log", authLog);
        corpus.put("table", scanTable());
        http.exchanges.forEach(e -> corpus.put(e.method() + " " + SecretSearchRedaction.path(e.path()) + " #" + ids.incrementAndGet(),
                e.response()));
        List<SecretSearch.Hit> hits = new ArrayList<>();
        corpus.forEach((where, text) -> hits.addAll(search.hits(where, text)));
        // The create and rotate answers show the URL once, by design: they are the only allowed places.
        hits.removeIf(h -> h.where().startsWith("POST /v1/mcp-servers") && h.needle().secret().startsWith("server token"));
        assertThat(hits).isEmpty();
        assertThat(stdio.text()).contains("\"event\":\"mcp_message\"").contains("\"event\":\"proxy_call\"");
        assertThat(authLog).contains("mcp.connection_required");
    }

    /** The auth-log entries of {@code type} for {@code endUserId}, as the log API lists them. */
    private static List<JsonNode> logEntries(String endUserId, String type) {
        List<JsonNode> entries = new ArrayList<>();
        json(http.get("/v1/logs?endUserId=" + endUserId, key).body()).get("data").forEach(e -> {
            if (e.get("type").asText().equals(type)) {
                entries.add(e);
            }
        });
        return entries;
    }

    /** A new MCP server for {@code endUserId}, its path (the token remembered for the canary search). */
    private static String newServer(String endUserId, String... connectors) {
        var created = http.post("/v1/mcp-servers", key, Map.of("endUserId", endUserId, "connectors", List.of(connectors)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = json(created.body()).get("serverUrl").asText().substring(runner.baseUrl().length());
        remember(path.substring("/mcp/".length()));
        return path;
    }

    private static void remember(String token) {
        tokens.add(token);
        search.add("server token " + tokens.size(), token);
    }

    private static void assertError(RecordingHttp.Response response, int status, int code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response.body());
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.at("/error/code").asInt()).isEqualTo(code);
    }

    private static JsonNode call(String path, String tool, Map<String, Object> arguments) {
        JsonNode response = rpc(path, "tools/call", Map.of("name", tool, "arguments", arguments));
        assertThat(response.has("result")).as(response.toString()).isTrue();
        return response.get("result");
    }

    private static JsonNode rpc(String path, String method, Object params) {
        var response = send(path, message(method, params), ACCEPT, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static String message(String method, Object params) {
        return Json.write(Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", method, "params", params));
    }

    private static RecordingHttp.Response send(String path, String body, String accept, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", accept);
        if (extra != null) {
            headers.putAll(extra);
        }
        return http.send("POST", path, null, body, headers);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String scanTable() {
        StringBuilder out = new StringBuilder();
        var request = ScanRequest.builder().tableName(table.name()).build();
        table.client().scanPaginator(request).items().forEach(item -> out.append(CanaryTest.flatten(item)).append('\n'));
        return out.toString();
    }

    /** Exchange paths hold server tokens; the corpus key must not, or every hit would name one. */
    private static final class SecretSearchRedaction {
        static String path(String path) {
            return path.replaceAll("mcps_[a-z2-7]+", "mcps_…");
        }
    }
}
