package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Hashes;
import dev.keyway.core.Json;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The OAuth2 connection flow over real HTTP: the local runner's portal and callback, a real
 * authorization server (mock-oauth2-server, not ours) behind a fault injector, and a cookie-keeping
 * client walking the redirects the way a browser does. Every negative case must end in a clear
 * page, an auth-log entry where a flow was under way, no token request when the state is bad,
 * and no linked account.
 */
@ExtendWith(LocalAwsExtension.class)
class ConnectFlowTest {
    static final String APP_ORIGIN = "http://127.0.0.1:4999";
    static final String CLIENT_SECRET = "canary-oauth-client-secret-7f3a";
    private static LocalRunner runner;
    private static MockOAuth2Server provider;
    private static FaultyTokenEndpoint tokens;
    private static String key;
    private static KeywayTable table;
    private static final HttpClient api = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        runner = LocalRunner.start(aws.stack(), 0);
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        tokens = new FaultyTokenEndpoint(provider.tokenEndpointUrl("acme").toString());
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        var app = admin.createApp("Acme Portal", true, "test");
        admin.setAllowedOrigins(app.id(), List.of(APP_ORIGIN), "test");
        key = admin.createKey(app.id(), "test").secretKey();
        var put = call("PUT", "/v1/connectors/acme", """
                {"provider": "custom", "displayName": "Acme ID", "baseUrl": "%s",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "keyway-client",
                   "clientSecret": "%s", "scopes": ["openid", "read"],
                   "authorizationUrl": "%s", "tokenUrl": "%s"}]}
                """.formatted(provider.issuerUrl("acme"), CLIENT_SECRET, provider.authorizationEndpointUrl("acme"),
                tokens.tokenUrl()));
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        var crm = call("PUT", "/v1/connectors/crm", """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "http://127.0.0.1:9/crm",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"},
                                  "labels": {"apiKey": "CRM API key", "help": "Settings, then API."}},
                                 {"id": "basic", "type": "BASIC"}]}
                """);
        assertThat(crm.statusCode()).as(crm.body()).isIn(200, 201);
    }

    @AfterAll
    static void stop() {
        runner.close();
        provider.shutdown();
        tokens.close();
    }

    @BeforeEach
    void noFault() {
        tokens.inject(FaultyTokenEndpoint.Fault.NONE);
    }

    @Test
    void oauthFlow_createsAConnectedAccount_thatTheProxyCanUse() throws Exception {
        JsonNode session = sessionFor("u-happy", List.of("acme"));
        Browser browser = new Browser();
        var page = browser.follow(session.get("connectUrl").asText(), null);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Acme ID");
        String authorize = browser.visited.stream().filter(u -> u.contains("/acme/authorize")).findFirst().orElseThrow();
        Map<String, String> params = query(authorize);
        assertThat(params.get("redirect_uri")).isEqualTo(runner.baseUrl() + "/oauth/callback");
        assertThat(params.get("code_challenge_method")).isEqualTo("S256");
        assertThat(params.get("state")).hasSizeGreaterThanOrEqualTo(22);
        assertThat(params.get("scope")).isEqualTo("openid read");
        String tokenRequest = tokens.requests().get(tokens.requests().size() - 1);
        assertThat(tokenRequest).contains("code_verifier=").contains("grant_type=authorization_code")
                .contains("redirect_uri=" + java.net.URLEncoder.encode(runner.baseUrl() + "/oauth/callback", StandardCharsets.UTF_8));

        JsonNode account = onlyAccount("u-happy");
        assertThat(account.get("status").asText()).isEqualTo("CONNECTED");
        assertThat(account.get("scopes")).extracting(JsonNode::asText).contains("openid", "read");
        assertThat(Instant.parse(account.get("expiresAt").asText())).isAfter(Instant.now());
        assertThat(page.body()).contains(account.get("id").asText());

        var userinfo = call("GET", "/v1/proxy/" + account.get("id").asText() + "/userinfo", null);
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(userinfo.body()).has("sub")).isTrue();
        assertThat(types()).contains("connect_session.created", "linked_account.connected");
    }

    @Test
    void aProvider401ThroughTheProxy_refreshesOnce_andRetries() throws Exception {
        var imported = call("POST", "/v1/linked-accounts/import", Json.write(Map.of("connector", "acme",
                "authMethod", "oauth", "endUserId", "u-stale", "credentials", Map.of("accessToken", "stale-token",
                        "refreshToken", "any-refresh-token", "expiresIn", 3600))));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String id = Json.mapper().readTree(imported.body()).at("/linkedAccount/id").asText();
        int before = tokens.requests().size();

        var userinfo = call("GET", "/v1/proxy/" + id + "/userinfo", null);

        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
        assertThat(tokens.requests()).hasSize(before + 1);
        assertThat(tokens.requests().get(before)).contains("grant_type=refresh_token");
        assertThat(logFor("u-stale")).extracting(e -> e.get("type").asText()).contains("linked_account.refreshed");
    }

    @Test
    void forcedRefresh_givesNewTokens() throws Exception {
        new Browser().follow(session("u-force", null).get("connectUrl").asText(), null);
        JsonNode account = onlyAccount("u-force");
        int before = tokens.requests().size();

        var refreshed = call("POST", "/v1/linked-accounts/" + account.get("id").asText() + "/refresh", null);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode after = Json.mapper().readTree(refreshed.body());
        assertThat(after.get("status").asText()).isEqualTo("CONNECTED");
        assertThat(after.get("lastRefreshedAt").isNull()).isFalse();
        assertThat(tokens.requests()).hasSize(before + 1);
        assertThat(call("POST", "/v1/linked-accounts/la_unknown/refresh", null).statusCode()).isEqualTo(404);
    }

    @Test
    void replayedState_isRefused_withoutATokenRequest() throws Exception {
        Browser browser = new Browser();
        browser.follow(session("u-replay", null).get("connectUrl").asText(), null);
        String callback = callbackUrl(browser);
        int before = tokens.requests().size();

        var again = browser.get(callback);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(again.body()).contains("already completed");
        assertThat(tokens.requests()).hasSize(before);
    }

    @Test
    void stateFromAnotherBrowser_isRefused_andStaysUsableForTheRightOne() throws Exception {
        Browser victim = new Browser();
        victim.follow(session("u-foreign", null).get("connectUrl").asText(), runner.baseUrl() + "/oauth/callback");
        String callback = victim.last();
        int before = tokens.requests().size();

        var attacker = new Browser().get(callback);
        assertThat(attacker.statusCode()).isEqualTo(403);
        assertThat(attacker.body()).contains("another browser");
        assertThat(tokens.requests()).hasSize(before);
        assertThat(accounts("u-foreign")).isEmpty();

        var rightful = victim.get(callback);
        assertThat(rightful.statusCode()).isEqualTo(200);
        assertThat(accounts("u-foreign")).hasSize(1);
    }

    @Test
    void expiredState_isRefused_withoutATokenRequest() throws Exception {
        Browser browser = new Browser();
        browser.follow(session("u-expired", null).get("connectUrl").asText(), runner.baseUrl() + "/oauth/callback");
        String callback = browser.last();
        String state = query(callback).get("state");
        table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                .key(Attrs.key("OS#" + Hashes.sha256Hex(state), "OS"))
                .updateExpression("SET expiresAt = :past")
                .expressionAttributeValues(Map.of(":past", Attrs.time(Instant.now().minusSeconds(1)))).build());
        int before = tokens.requests().size();

        var page = browser.get(callback);

        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(tokens.requests()).hasSize(before);
        assertThat(accounts("u-expired")).isEmpty();
    }

    @Test
    void tamperedState_isUnknown() throws Exception {
        Browser browser = new Browser();
        browser.follow(session("u-tamper", null).get("connectUrl").asText(), runner.baseUrl() + "/oauth/callback");
        Map<String, String> params = query(browser.last());
        String state = params.get("state");
        String tampered = state.substring(0, state.length() - 1) + (state.endsWith("A") ? "B" : "A");
        int before = tokens.requests().size();

        var page = browser.get(runner.baseUrl() + "/oauth/callback?code=" + params.get("code") + "&state=" + tampered);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(tokens.requests()).hasSize(before);
        assertThat(browser.get(runner.baseUrl() + "/oauth/callback?code=x").statusCode()).isEqualTo(400);
    }

    @Test
    void aCallbackNamingAnotherIssuer_isRefused_withoutATokenRequest() throws Exception {
        Browser browser = new Browser();
        browser.follow(session("u-mixup", null).get("connectUrl").asText(), runner.baseUrl() + "/oauth/callback");
        int before = tokens.requests().size();

        var page = browser.get(browser.last() + "&iss=" + java.net.URLEncoder.encode("https://evil.example/", StandardCharsets.UTF_8));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("issuer_mismatch");
        assertThat(tokens.requests()).hasSize(before);
        assertThat(accounts("u-mixup")).isEmpty();
    }

    @Test
    void tokenEndpointFailures_showAProviderErrorPage_logIt_andStoreNothing() throws Exception {
        Map<FaultyTokenEndpoint.Fault, String> expected = Map.of(
                FaultyTokenEndpoint.Fault.SERVER_ERROR, "http_500",
                FaultyTokenEndpoint.Fault.HTML, "malformed_token_response",
                FaultyTokenEndpoint.Fault.INVALID_GRANT, "invalid_grant");
        for (var entry : expected.entrySet()) {
            String user = "u-fault-" + entry.getKey().name().toLowerCase();
            tokens.inject(entry.getKey());
            Browser browser = new Browser();
            var page = browser.follow(session(user, null).get("connectUrl").asText(), null);

            assertThat(page.statusCode()).as(entry.getKey().name()).isEqualTo(502);
            assertThat(page.body()).contains(entry.getValue()).doesNotContain(CLIENT_SECRET);
            assertThat(accounts(user)).isEmpty();
            assertThat(logFor(user)).anySatisfy(e -> {
                assertThat(e.get("type").asText()).isEqualTo("connect.failed");
                assertThat(e.get("details").get("code").asText()).isEqualTo(entry.getValue());
            });
        }
    }

    @Test
    void accessDenied_showsADenialPage_andIsLogged() throws Exception {
        Browser browser = new Browser();
        browser.follow(session("u-denied", null).get("connectUrl").asText(), provider.baseUrl().toString());
        String authorize = browser.last();
        String state = query(authorize).get("state");
        int before = tokens.requests().size();

        var page = browser.get(runner.baseUrl() + "/oauth/callback?error=access_denied&state=" + state);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Connection cancelled").contains("Acme ID");
        assertThat(tokens.requests()).hasSize(before);
        assertThat(accounts("u-denied")).isEmpty();
        assertThat(logFor("u-denied")).extracting(e -> e.get("type").asText()).contains("connect.denied");
    }

    @Test
    void redirectMode_returnsToTheAllowListedReturnUrl() throws Exception {
        JsonNode session = session("u-redirect", APP_ORIGIN + "/done?tab=integrations");
        Browser browser = new Browser();
        browser.follow(session.get("connectUrl").asText(), APP_ORIGIN);

        Map<String, String> back = query(browser.last());
        assertThat(browser.last()).startsWith(APP_ORIGIN + "/done?tab=integrations&");
        assertThat(back.get("connector")).isEqualTo("acme");
        assertThat(back.get("linkedAccountId")).isEqualTo(onlyAccount("u-redirect").get("id").asText());
    }

    @Test
    void popupMode_postsTheResultToTheOpenersExactOrigin() throws Exception {
        JsonNode session = session("u-popup", null);
        Browser browser = new Browser();
        var page = browser.follow(session.get("connectUrl").asText() + "&origin="
                + java.net.URLEncoder.encode(APP_ORIGIN, StandardCharsets.UTF_8), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-post-origin=\"" + APP_ORIGIN + "\"").contains("keyway:connected");
        var csp = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors " + APP_ORIGIN).doesNotContain("unsafe-inline");

        var foreign = new Browser().get(session.get("connectUrl").asText() + "&origin=https%3A%2F%2Fevil.example");
        assertThat(foreign.statusCode()).isEqualTo(400);
    }

    @Test
    void returnUrlsOffTheAllowList_areRefused() throws Exception {
        for (String bad : List.of("https://evil.example/cb", "//evil.example/cb", "javascript:alert(1)",
                APP_ORIGIN + "@evil.example/", "http://127.0.0.1:4998/cb")) {
            var response = call("POST", "/v1/connect-sessions",
                    Json.write(Map.of("endUserId", "u-bad-return", "returnUrl", bad)));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).at("/error/message").asText()).startsWith("returnUrl");
        }
        assertThat(logFor("u-bad-return")).isEmpty();
    }

    @Test
    void reconnect_keepsTheLinkedAccountId() throws Exception {
        new Browser().follow(session("u-again", null).get("connectUrl").asText(), null);
        String id = onlyAccount("u-again").get("id").asText();

        var created = call("POST", "/v1/connect-sessions",
                Json.write(Map.of("endUserId", "u-again", "linkedAccountId", id)));
        assertThat(created.statusCode()).isEqualTo(201);
        var page = new Browser().follow(Json.mapper().readTree(created.body()).get("connectUrl").asText(), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(accounts("u-again")).singleElement().satisfies(a -> assertThat(a.get("id").asText()).isEqualTo(id));
        assertThat(logFor("u-again")).extracting(e -> e.get("type").asText()).contains("linked_account.reconnected");
    }

    @Test
    void apiKeyForm_createsTheAccount_andNeverEchoesTheSecret() throws Exception {
        JsonNode session = sessionFor("u-form", List.of("crm"));
        Browser browser = new Browser();
        var choice = browser.get(session.get("connectUrl").asText());
        assertThat(choice.body()).contains("CRM API key").contains("Username and password");

        var form = browser.get(runner.baseUrl() + "/connect/crm?session=" + session.get("token").asText() + "&method=key");
        assertThat(form.body()).contains("name=\"apiKey\"").contains("Settings, then API.");

        String token = session.get("token").asText();
        var empty = browser.postForm(runner.baseUrl() + "/connect/crm", "session=" + token + "&method=key&apiKey=");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(accounts("u-form")).isEmpty();

        var done = browser.postForm(runner.baseUrl() + "/connect/crm",
                "session=" + token + "&method=key&apiKey=canary-portal-api-key-91c2");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Connected").doesNotContain("canary-portal-api-key-91c2");
        assertThat(onlyAccount("u-form").get("authMethod").asText()).isEqualTo("key");
    }

    @Test
    void basicForm_createsTheAccount() throws Exception {
        JsonNode session = sessionFor("u-basic", List.of("crm"));
        var done = new Browser().postForm(runner.baseUrl() + "/connect/crm",
                "session=" + session.get("token").asText() + "&method=basic&username=ana&password=canary-pw-33");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(onlyAccount("u-basic").get("authMethod").asText()).isEqualTo("basic");
    }

    @Test
    void aSessionOnlyReachesItsOwnConnectors() throws Exception {
        JsonNode session = sessionFor("u-scoped", List.of("crm"));
        var page = new Browser().get(runner.baseUrl() + "/connect/acme?session=" + session.get("token").asText());
        assertThat(page.statusCode()).isEqualTo(404);
        var bogus = new Browser().get(runner.baseUrl() + "/connect?session=cs_" + "a".repeat(52));
        assertThat(bogus.statusCode()).isEqualTo(410);
        var forged = new Browser().postForm(runner.baseUrl() + "/connect/crm", "method=key&apiKey=x");
        assertThat(forged.statusCode()).isEqualTo(410);
        assertThat(accounts("u-scoped")).isEmpty();
    }

    @Test
    void sessionApi_describesTheSession_acceptsCredentials_andRecordsTheResult_withCorsForTheAppOnly() throws Exception {
        JsonNode session = sessionFor("u-sdk", List.of("crm", "acme"));
        String token = session.get("token").asText();

        var described = sdk("GET", "/v1/connect/session", token, null, APP_ORIGIN);
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        assertThat(described.headers().firstValue("access-control-allow-origin")).contains(APP_ORIGIN);
        JsonNode view = Json.mapper().readTree(described.body());
        assertThat(view.at("/app/name").asText()).isEqualTo("Acme Portal");
        assertThat(view.get("connectors")).extracting(c -> c.get("key").asText()).containsExactly("crm", "acme");
        assertThat(view.at("/connectors/0/authMethods/0/fields/0/name").asText()).isEqualTo("apiKey");
        assertThat(view.has("result")).isFalse();
        assertThat(sdk("GET", "/v1/connect/session", token, null, "https://evil.example").headers()
                .firstValue("access-control-allow-origin")).isEmpty();

        var missing = sdk("POST", "/v1/connect/credentials", token,
                "{\"connector\":\"crm\",\"authMethod\":\"key\",\"fields\":{}}", APP_ORIGIN);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("access-control-allow-origin")).contains(APP_ORIGIN);
        var oauth = sdk("POST", "/v1/connect/credentials", token,
                "{\"connector\":\"acme\",\"authMethod\":\"oauth\",\"fields\":{}}", APP_ORIGIN);
        assertThat(oauth.statusCode()).isEqualTo(400);

        var connected = sdk("POST", "/v1/connect/credentials", token,
                "{\"connector\":\"crm\",\"authMethod\":\"key\",\"fields\":{\"apiKey\":\"canary-sdk-key-77aa\"}}", APP_ORIGIN);
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
        assertThat(connected.body()).doesNotContain("canary-sdk-key-77aa");
        String id = Json.mapper().readTree(connected.body()).get("linkedAccountId").asText();
        assertThat(onlyAccount("u-sdk").get("id").asText()).isEqualTo(id);

        JsonNode after = Json.mapper().readTree(sdk("GET", "/v1/connect/session", token, null, APP_ORIGIN).body());
        assertThat(after.at("/result/status").asText()).isEqualTo("connected");
        assertThat(after.at("/result/linkedAccountId").asText()).isEqualTo(id);
        assertThat(after.toString()).doesNotContain("canary-sdk-key-77aa");
    }

    @Test
    void sessionActivity_showsThePortalsHeartbeat_andAnOAuthFlowAtTheProvider_untilItEnds() throws Exception {
        JsonNode session = sessionFor("u-activity", List.of("acme"));
        String token = session.get("token").asText();
        assertThat(activity(token).has("portalSeenSecondsAgo")).as("no portal page has reported yet").isFalse();
        assertThat(activity(token).get("atProvider").asBoolean()).isFalse();

        assertThat(sdk("POST", "/v1/connect/session/activity", token, null, runner.baseUrl()).statusCode()).isEqualTo(204);
        assertThat(activity(token).get("portalSeenSecondsAgo").asLong()).isBetween(0L, 5L);
        assertThat(sdk("POST", "/v1/connect/session/activity", "cs_" + "b".repeat(52), null, runner.baseUrl())
                .statusCode()).isEqualTo(401);

        Browser browser = new Browser();
        browser.follow(session.get("connectUrl").asText(), provider.authorizationEndpointUrl("acme").toString());
        assertThat(browser.last()).startsWith(provider.authorizationEndpointUrl("acme").toString());
        assertThat(activity(token).get("atProvider").asBoolean()).as("the user is signing in at the provider").isTrue();

        browser.follow(browser.last(), null);
        JsonNode done = Json.mapper().readTree(sdk("GET", "/v1/connect/session", token, null, APP_ORIGIN).body());
        assertThat(done.at("/result/status").asText()).isEqualTo("connected");
        assertThat(done.at("/activity/atProvider").asBoolean()).as("the flow's result ends it").isFalse();
    }

    @Test
    void aFramedPortal_offersOAuthInANewWindow_insteadOfSendingTheFrameToTheProvider() throws Exception {
        JsonNode session = sessionFor("u-framed", List.of("acme"));
        String url = session.get("connectUrl").asText() + "&origin=" + java.net.URLEncoder.encode(APP_ORIGIN, StandardCharsets.UTF_8);
        var framed = api.send(HttpRequest.newBuilder(URI.create(url)).header("Sec-Fetch-Dest", "iframe").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(framed.statusCode()).as(framed.body()).isEqualTo(200);
        assertThat(framed.body()).contains("target=\"_blank\" data-new-window").contains("Continue to Acme ID")
                .contains("Acme ID opens in a new window.");
        assertThat(framed.headers().firstValue("content-security-policy").orElseThrow()).contains("frame-ancestors " + APP_ORIGIN);

        var popup = new Browser().get(url);
        assertThat(popup.body()).as("a popup stops for portal.js's heartbeat, which then goes on by itself")
                .contains("data-auto-submit").doesNotContain("target=\"_blank\"");
        var fullPage = new Browser().get(session.get("connectUrl").asText());
        assertThat(fullPage.statusCode()).as("a full-page flow goes straight on to the provider").isEqualTo(302);
    }

    private static JsonNode activity(String token) throws Exception {
        var response = sdk("GET", "/v1/connect/session", token, null, APP_ORIGIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).get("activity");
    }

    @Test
    void sessionApi_refusesUnknownSessions_andAnswersPreflights() throws Exception {
        var expired = sdk("GET", "/v1/connect/session", "cs_" + "a".repeat(52), null, APP_ORIGIN);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(expired.body()).at("/error/code").asText()).isEqualTo("session_expired");
        assertThat(expired.headers().firstValue("access-control-allow-origin")).contains(APP_ORIGIN);
        assertThat(sdk("GET", "/v1/connect/session", null, null, APP_ORIGIN).statusCode()).isEqualTo(401);
        assertThat(sdk("GET", "/v1/connect/session", key, null, APP_ORIGIN).statusCode())
                .as("an app key is not a session token").isEqualTo(401);

        var preflight = sdk("OPTIONS", "/v1/connect/credentials", null, null, APP_ORIGIN);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-headers").orElse(""))
                .contains("authorization").contains("content-type");
    }

    @Test
    void aFullPageFlow_returnsToTheCarriedPage_whenTheAppAllowsIt() throws Exception {
        JsonNode session = session("u-return", null);
        Browser browser = new Browser();
        browser.follow(session.get("connectUrl").asText() + "&return="
                + java.net.URLEncoder.encode(APP_ORIGIN + "/back?x=1", StandardCharsets.UTF_8), APP_ORIGIN);

        assertThat(browser.last()).startsWith(APP_ORIGIN + "/back?x=1&linkedAccountId=");
        var evil = new Browser().get(session.get("connectUrl").asText() + "&return=https%3A%2F%2Fevil.example%2F");
        assertThat(evil.statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- helpers

    private static HttpResponse<String> sdk(String method, String path, String bearer, String body, String origin)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").header("origin", origin);
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        return api.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode sessionFor(String endUserId, List<String> connectors) throws Exception {
        var response = call("POST", "/v1/connect-sessions",
                Json.write(Map.of("endUserId", endUserId, "allowedConnectors", connectors)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode session(String endUserId, String returnUrl) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endUserId", endUserId);
        body.put("allowedConnectors", List.of("acme"));
        if (returnUrl != null) {
            body.put("returnUrl", returnUrl);
        }
        var response = call("POST", "/v1/connect-sessions", Json.write(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.mapper().readTree(response.body());
    }

    private static String callbackUrl(Browser browser) {
        return browser.visited.stream().filter(u -> u.contains("/oauth/callback")).reduce((a, b) -> b).orElseThrow();
    }

    private static List<JsonNode> accounts(String endUserId) throws Exception {
        var response = call("GET", "/v1/linked-accounts?endUserId=" + endUserId, null);
        List<JsonNode> out = new java.util.ArrayList<>();
        Json.mapper().readTree(response.body()).get("data").forEach(out::add);
        return out;
    }

    private static JsonNode onlyAccount(String endUserId) throws Exception {
        List<JsonNode> accounts = accounts(endUserId);
        assertThat(accounts).hasSize(1);
        return accounts.get(0);
    }

    private static List<JsonNode> logFor(String endUserId) throws Exception {
        var response = call("GET", "/v1/logs?endUserId=" + endUserId, null);
        List<JsonNode> out = new java.util.ArrayList<>();
        Json.mapper().readTree(response.body()).get("data").forEach(out::add);
        return out;
    }

    private static List<String> types() throws Exception {
        var response = call("GET", "/v1/logs", null);
        List<String> out = new java.util.ArrayList<>();
        Json.mapper().readTree(response.body()).get("data").forEach(e -> out.add(e.get("type").asText()));
        return out;
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").header("authorization", "Bearer " + key);
        return api.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
