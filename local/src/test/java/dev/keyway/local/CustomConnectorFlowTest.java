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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A database-style CUSTOM connector end to end over real HTTP on the local runner: created through
 * the connectors API, linked through the hosted portal form and through import, resolved with all
 * its fields, refused by the proxy with a clear error; then every HTTP answer (API and portal
 * pages), every line printed, every event on the bus and every DynamoDB item is searched for the
 * secret fields' canary markers. Zero hits, while resolve does return them (so the search works).
 */
@ExtendWith(LocalAwsExtension.class)
class CustomConnectorFlowTest {
    private static final String CONNECTOR = "orders-db";

    private static KeywayTable table;
    private static StdioTee stdio;
    private static BusQueue bus;
    private static LocalRunner runner;
    private static RecordingHttp http;
    private static no.nav.security.mock.oauth2.MockOAuth2Server tokens;
    private static String appId;
    private static String key;
    private static final SecretSearch search = new SecretSearch();
    /** Portal pages the browser saw: searched like the API answers. */
    private static final List<String> pages = new ArrayList<>();

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        stdio = StdioTee.start();
        bus = new BusQueue(aws);
        runner = LocalRunner.start(aws.stack(), 0);
        http = new RecordingHttp(runner.baseUrl());
        tokens = new no.nav.security.mock.oauth2.MockOAuth2Server();
        tokens.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        appId = admin.createApp("Orders", true, "custom-test").id();
        key = admin.createKey(appId, "custom-test").secretKey();
        search.add("app key", key);
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        if (bus != null) {
            bus.close();
        }
        if (tokens != null) {
            tokens.shutdown();
        }
        if (stdio != null) {
            stdio.close();
        }
    }

    static Map<String, Object> field(String name, String label, String type, boolean required) {
        return Map.of("name", name, "label", label, "type", type, "required", required);
    }

    static Map<String, Object> databaseConnector() {
        return Map.of("provider", "custom", "displayName", "Orders DB",
                "authMethods", List.of(Map.of("id", "db", "type", "CUSTOM", "fields", List.of(
                        Map.of("name", "host", "label", "Host", "type", "string", "pattern", "^[a-z0-9.-]+$",
                                "help", "The host name of the database server."),
                        field("port", "Port", "number", true),
                        field("database", "Database", "string", true),
                        field("username", "User", "string", true),
                        field("password", "Password", "secret", true),
                        field("tls", "Require TLS", "boolean", false),
                        field("clientKey", "Client key", "pem", false),
                        field("options", "Driver options", "json", false)))));
    }

    @Test
    void customConnector_linkedByPortalAndImport_resolvedWithAllFields_secretsNowhere() throws Exception {
        // Created through the API; the answer shows the schema.
        var created = http.put("/v1/connectors/" + CONNECTOR, key, databaseConnector());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/authMethods/0/fields/4/type").asText()).isEqualTo("secret");
        assertThat(created.json().at("/baseUrl").isMissingNode()).isTrue();
        rejectedConnectors();

        // Linked through the hosted portal form.
        String portalPassword = search.marker("portal password");
        String portalKey = "-----BEGIN PRIVATE KEY-----\n" + search.marker("portal pem") + "\n-----END PRIVATE KEY-----";
        String portalAccount = linkThroughPortal(portalPassword, portalKey);

        // Linked through import, with a JSON secret and typed values.
        String importPassword = search.marker("import password");
        String optionsSecret = search.marker("import json secret");
        var imported = http.post("/v1/linked-accounts/import", key, Map.of("connector", CONNECTOR, "authMethod", "db",
                "endUserId", "u-import", "externalRef", "legacy-db-1", "credentials", Map.of(
                        "host", "db.internal.example", "port", 5432, "database", "orders", "username", "svc",
                        "password", importPassword, "tls", true, "options", Map.of("sslPassword", optionsSecret))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        JsonNode importedAccount = imported.json().get("linkedAccount");
        assertThat(importedAccount.get("authMethod").asText()).isEqualTo("db");
        assertThat(importedAccount.get("connectionConfig")).isEqualTo(Json.mapper().valueToTree(Map.of(
                "host", "db.internal.example", "port", "5432", "database", "orders", "username", "svc", "tls", "true")));
        rejectedImports();

        // Resolved with every field; the proxy says it cannot carry them.
        var handler = new ResolveHandler();
        Object byPortal = handler.handleRequest(new ResolveService.Request(appId, portalAccount, null, null), null);
        assertThat(byPortal).isInstanceOf(ResolveService.Resolved.class);
        ResolveService.Resolved portalResolved = (ResolveService.Resolved) byPortal;
        assertThat(portalResolved.authType()).isEqualTo("CUSTOM");
        assertThat(portalResolved.apply()).isNull();
        assertThat(portalResolved.fields()).containsEntry("host", "pg.example.com").containsEntry("port", "6432")
                .containsEntry("database", "orders").containsEntry("username", "ana").containsEntry("tls", "false")
                .containsEntry("password", portalPassword).containsEntry("clientKey", portalKey + "\n")
                .doesNotContainKey("options");
        ResolveService.Resolved importResolved = (ResolveService.Resolved) handler.handleRequest(
                new ResolveService.Request(appId, null, "u-import", CONNECTOR), null);
        assertThat(importResolved.fields()).containsEntry("password", importPassword)
                .containsEntry("options", "{\"sslPassword\":\"" + optionsSecret + "\"}").containsEntry("port", "5432");
        assertThat(importResolved.credentials()).containsOnlyKeys("password", "options");

        var proxied = http.get("/v1/proxy/" + portalAccount + "/tables", key);
        assertThat(proxied.status()).isEqualTo(400);
        assertThat(proxied.json().at("/error/code").asText()).isEqualTo("proxy_not_supported");
        assertThat(proxied.json().at("/error/message").asText()).contains("CUSTOM").contains("Resolve");

        String tokenFromKey = serviceAccount(handler);

        // Every auth event of the app reached the bus.
        Set<String> expected = authLogEventIds();
        assertThat(bus.awaitEvents(appId, expected, Duration.ofSeconds(30))).containsAll(expected);
        assertThat(bus.eventsOf(appId)).extracting(e -> e.get("detail-type").asText())
                .contains("LinkedAccount Connected", "LinkedAccount Imported", "Connector Saved");

        Map<String, String> corpus = new LinkedHashMap<>();
        http.exchanges.forEach(e -> corpus.put("HTTP " + e.method() + " " + e.path() + " #" + corpus.size(), e.response()));
        pages.forEach(p -> corpus.put("portal page #" + corpus.size(), p));
        corpus.put("stdout+stderr", stdio.text());
        bus.rawBodies().forEach(b -> corpus.put("event #" + corpus.size(), b));
        List<Map<String, AttributeValue>> items = scanTable();
        items.forEach(item -> corpus.put("item " + item.get("pk").s(), CanaryTest.flatten(item)));
        assertThat(items).anySatisfy(item -> assertThat(item.get("pk").s()).isEqualTo("LA#" + portalAccount));
        assertThat(stdio.text()).contains("\"event\":\"proxy_call\"").contains("\"event\":\"linked_account_resolved\"");

        List<SecretSearch.Hit> hits = new ArrayList<>();
        corpus.forEach((where, text) -> hits.addAll(search.hits(where, text)));
        assertThat(hits).as("secret fields found where none may be").isEmpty();
        String resolvedText = Json.write(byPortal) + Json.write(importResolved);
        for (String label : List.of("portal password", "portal pem", "import password", "import json secret")) {
            assertThat(search.found(label, resolvedText)).as(label + " is what resolve returns").isTrue();
        }
        assertThat(search.found("service-account access token", tokenFromKey)).isTrue();
    }

    /**
     * A JWT_BEARER account beside it: its private key (a line of the PEM's base64, registered as a
     * secret) and the access token it obtained must stay out of every answer, log, event and item too.
     */
    private static String serviceAccount(ResolveHandler handler) throws Exception {
        var connector = http.put("/v1/connectors/warehouse", key, Map.of("provider", "custom", "displayName", "Warehouse",
                "baseUrl", tokens.baseUrl().toString(), "authMethods", List.of(Map.of("id", "sa", "type", "JWT_BEARER",
                        "tokenUrl", tokens.tokenEndpointUrl("warehouse").toString(), "scopes", List.of("read")))));
        assertThat(connector.status()).as(connector.toString()).isEqualTo(201);
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = MtlsProxyTest.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        search.add("service-account key", pem.lines().skip(1).findFirst().orElseThrow());
        var imported = http.post("/v1/linked-accounts/import", key, Map.of("connector", "warehouse", "authMethod", "sa",
                "endUserId", "u-robot", "credentials", Map.of("privateKey", pem, "issuer", "robot@warehouse.example")));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        var resolved = (ResolveService.Resolved) handler.handleRequest(
                new ResolveService.Request(appId, imported.json().at("/linkedAccount/id").asText(), null, null), null);
        assertThat(resolved.credentials()).doesNotContainKey("privateKey");
        String token = resolved.credentials().get("accessToken");
        search.add("service-account access token", token);
        return Json.write(resolved);
    }

    private static String linkThroughPortal(String password, String pem) throws Exception {
        var session = http.post("/v1/connect-sessions", key, Map.of("endUserId", "u-portal",
                "allowedConnectors", List.of(CONNECTOR)));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String token = session.json().get("token").asText();
        Browser browser = new Browser();
        var form = browser.get(session.json().get("connectUrl").asText());
        pages.add(form.body());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"host\"").contains("The host name of the database server.")
                .contains("name=\"password\" type=\"password\"").contains("name=\"port\" type=\"number\"")
                .contains("<textarea id=").contains("name=\"clientKey\"").contains("<select id=").contains("name=\"tls\"");

        Map<String, String> values = new LinkedHashMap<>(Map.of("session", token, "method", "db",
                "host", "pg.example.com", "port", "not-a-port", "database", "orders", "username", "ana",
                "password", password, "tls", "false", "clientKey", pem));
        var wrong = browser.postForm(runner.baseUrl() + "/connect/" + CONNECTOR, form(values));
        pages.add(wrong.body());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Port must be a number.").contains("value=\"pg.example.com\"");

        values.put("port", "6432");
        values.remove("password");
        var missing = browser.postForm(runner.baseUrl() + "/connect/" + CONNECTOR, form(values));
        pages.add(missing.body());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Password is required.");
        assertThat(accounts("u-portal")).isEmpty();

        values.put("password", password);
        var done = browser.postForm(runner.baseUrl() + "/connect/" + CONNECTOR, form(values));
        pages.add(done.body());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Connected");
        List<JsonNode> accounts = accounts("u-portal");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("connectionConfig")).isEqualTo(Json.mapper().valueToTree(Map.of(
                "host", "pg.example.com", "port", "6432", "database", "orders", "username", "ana", "tls", "false")));
        return accounts.get(0).get("id").asText();
    }

    private static void rejectedConnectors() {
        var noFields = http.put("/v1/connectors/bad-db", key, Map.of("provider", "custom", "displayName", "Bad",
                "authMethods", List.of(Map.of("id", "db", "type", "CUSTOM"))));
        assertThat(noFields.status()).isEqualTo(400);
        assertThat(noFields.json().at("/error/message").asText()).startsWith("authMethods[0].fields: required for CUSTOM");
        var badType = http.put("/v1/connectors/bad-db", key, Map.of("provider", "custom", "displayName", "Bad",
                "authMethods", List.of(Map.of("id", "db", "type", "CUSTOM", "fields",
                        List.of(field("host", "Host", "hostname", true))))));
        assertThat(badType.json().at("/error/message").asText()).startsWith("authMethods[0].fields[0].type: required: one of");
        var mixedWithoutBaseUrl = http.put("/v1/connectors/bad-db", key, Map.of("provider", "custom", "displayName", "Bad",
                "authMethods", List.of(Map.of("id", "key", "type", "API_KEY", "inject", Map.of("name", "X-Key")))));
        assertThat(mixedWithoutBaseUrl.json().at("/error/message").asText()).startsWith("baseUrl: required");
        assertThat(http.get("/v1/connectors/bad-db", key).status()).isEqualTo(404);
    }

    private static void rejectedImports() {
        String secret = search.marker("rejected import password");
        Map<String, Object> credentials = new LinkedHashMap<>(Map.of("host", "db.example", "port", "x" + secret,
                "database", "orders", "username", "svc", "password", secret));
        var wrongType = http.post("/v1/linked-accounts/import", key, Map.of("connector", CONNECTOR, "authMethod", "db",
                "endUserId", "u-rejected", "credentials", credentials));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/error/message").asText()).isEqualTo("credentials.port: must be a number");
        credentials.put("port", 1);
        credentials.put("apiKey", "x");
        var unknown = http.post("/v1/linked-accounts/import", key, Map.of("connector", CONNECTOR, "authMethod", "db",
                "endUserId", "u-rejected", "credentials", credentials));
        assertThat(unknown.json().at("/error/message").asText()).startsWith("credentials.apiKey: unknown field");
        credentials.remove("apiKey");
        credentials.remove("password");
        var missing = http.post("/v1/linked-accounts/import", key, Map.of("connector", CONNECTOR, "authMethod", "db",
                "endUserId", "u-rejected", "credentials", credentials));
        assertThat(missing.json().at("/error/message").asText()).isEqualTo("credentials.password: required");
        assertThat(accounts("u-rejected")).isEmpty();
    }

    private static List<JsonNode> accounts(String endUserId) {
        var page = http.get("/v1/linked-accounts?endUserId=" + endUserId, key);
        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        page.json().get("data").forEach(out::add);
        return out;
    }

    private static String form(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static Set<String> authLogEventIds() {
        Set<String> ids = new HashSet<>();
        table.client().queryPaginator(QueryRequest.builder().tableName(table.name()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s("LOG#" + appId))).consistentRead(true).build())
                .items().forEach(item -> ids.add(item.get("eventId").s()));
        return ids;
    }

    private static List<Map<String, AttributeValue>> scanTable() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.client().scanPaginator(ScanRequest.builder().tableName(table.name()).build()).items().forEach(items::add);
        return items;
    }
}
