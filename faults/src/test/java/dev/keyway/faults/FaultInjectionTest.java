package dev.keyway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayConfig;
import dev.keyway.local.LocalRunner;
import dev.keyway.provisioning.Template;
import dev.keyway.storage.AwsServicesModule;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import dev.keyway.testing.oauth.RotatingAuthorizationServer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults between the functions and what they depend on, injected by Toxiproxy: the local runner's
 * functions reach the local AWS endpoint (DynamoDB, Secrets Manager, EventBridge: one endpoint)
 * through one proxy, and the OAuth provider's token endpoint (Spring Authorization Server, which
 * rotates refresh tokens and refuses a reused one) through another. For each fault: what the
 * caller sees (an AWS fault: a retryable 503 in Keyway's JSON error shape, never a 500 or a trace;
 * a provider fault during "refresh now": the documented 200 with the account DEGRADED and why),
 * that nothing is lost or half-written (one linked account per import, its auth-log entry with it, the rotated
 * refresh token kept: the provider refuses the old one), and that the same call works once the
 * fault is gone. What Toxiproxy cannot inject (a DynamoDB error body) is in {@link ThrottlingTest}.
 */
@ExtendWith(LocalAwsExtension.class)
class FaultInjectionTest {
    private static ToxiproxyServer toxiproxy;
    private static Proxy aws;
    private static Proxy oauth;
    private static RotatingAuthorizationServer provider;
    private static LocalRunner runner;
    private static String key;
    private static String appId;
    private static String realEndpoint;
    private static URI awsEndpoint;
    private static Api api;

    @BeforeAll
    static void start(LocalAws localAws) throws Exception {
        toxiproxy = ToxiproxyServer.start(Template.locate().getParent());
        awsEndpoint = localAws.endpoint();
        aws = toxiproxy.proxy("aws", awsEndpoint);
        provider = RotatingAuthorizationServer.start(new RotatingAuthorizationServer.Settings(Duration.ofMinutes(5),
                Duration.ofDays(1)));
        oauth = toxiproxy.proxy("oauth", URI.create(provider.tokenUrl()));
        // The functions built from here on (their constructors read the setting) reach AWS through the proxy.
        realEndpoint = System.getProperty(KeywayConfig.AWS_ENDPOINT);
        System.setProperty(KeywayConfig.AWS_ENDPOINT, ToxiproxyServer.url(aws).toString());
        runner = LocalRunner.start(localAws.stack(), 0);

        var table = new KeywayTable(localAws.dynamoDb(), localAws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        appId = admin.createApp("Fault suite", true, "test").id();
        key = admin.createKey(appId, "test").secretKey();
        api = new Api(runner, key);
        URI token = URI.create(provider.tokenUrl());
        String proxiedTokenUrl = ToxiproxyServer.url(oauth).resolve(token.getRawPath()).toString();
        assertThat(api.call("PUT", "/v1/connectors/idp", """
                {"provider": "custom", "displayName": "IdP", "baseUrl": "%s",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "%s", "clientSecret": "%s",
                   "authorizationUrl": "%s", "tokenUrl": "%s", "scopes": ["read"]}]}
                """.formatted(provider.issuer(), provider.clientId(), provider.clientSecret(),
                provider.authorizationUrl(), proxiedTokenUrl)).statusCode()).isIn(200, 201);
        api.putApiKeyConnector();
    }

    @AfterAll
    static void stop() throws Exception {
        Api.stopRunner(runner, realEndpoint);
        Api.close(provider, toxiproxy);
    }

    /** The fault stops: every toxic removed, both proxies up. */
    @AfterEach
    void heal() throws Exception {
        for (Proxy proxy : List.of(aws, oauth)) {
            for (var toxic : proxy.toxics().getAll()) {
                toxic.remove();
            }
            proxy.enable();
        }
        provider.clearFaults();
    }

    // ------------------------------------------------------------------ AWS endpoint

    @Test
    void awsLatency_slowsAnswersDown_withoutFailingThem() throws Exception {
        aws.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 400).setJitter(100);

        String user = "lat-" + UUID.randomUUID();
        var imported = api.importApiKey(user, "ref-1");

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(api.call("GET", "/v1/linked-accounts?endUserId=" + user, null).statusCode()).isEqualTo(200);
        api.assertExactlyOneAccountWithItsImportEntry(user);
    }

    @Test
    void awsConnectionsReset_are503_andTheRetryAfterwardsStoresOneAccount() throws Exception {
        aws.toxics().resetPeer("reset", ToxicDirection.UPSTREAM, 0);

        String user = importIs503_thenTheRetryStoresOneAccount("reset-");

        assertThat(api.call("GET", "/v1/linked-accounts?endUserId=" + user, null).statusCode()).isEqualTo(200);
    }

    /**
     * The worst moment: the write reached DynamoDB and committed, then the answer was lost (the
     * connection cut after the request went through). The caller sees a 503 and retries; the
     * import is idempotent by externalRef, so the retry finds the account rather than making a second.
     */
    @Test
    void awsAnswerLostAfterTheWrite_theRetryIsIdempotent() throws Exception {
        aws.toxics().limitData("cut", ToxicDirection.DOWNSTREAM, 0);

        importIs503_thenTheRetryStoresOneAccount("cut-");
    }

    /** Under the fault already injected: an import is a 503; once it is healed, the same import stores exactly one account. */
    private String importIs503_thenTheRetryStoresOneAccount(String userPrefix) throws Exception {
        String user = userPrefix + UUID.randomUUID();
        Api.assertRetryable503(api.importApiKey(user, "ref-1"));
        Api.assertRetryable503(api.call("GET", "/v1/linked-accounts?endUserId=" + user, null));

        heal();
        var retried = api.importApiKey(user, "ref-1");
        assertThat(retried.statusCode()).as(retried.body()).isIn(200, 201);
        api.assertExactlyOneAccountWithItsImportEntry(user);
        return user;
    }

    /**
     * A new container starting while AWS (Secrets Manager with its key set, DynamoDB) is
     * unreachable: init must not need it, the first call that does answers 503, and nothing bad
     * is cached (a key set that failed to load is read again on the next call). The container is
     * a new instance of the import function's handler, invoked as Lambda would.
     */
    @Test
    void awsUnreachableAtColdStart_firstCallIs503_thenTheContainerRecovers() throws Exception {
        aws.disable();
        String user = "cold-" + UUID.randomUUID();
        var handler = newImportHandler();
        var event = importEvent(user, "cold-1");

        var first = handler.handleRequest(event, null);
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(503);
        assertThat(Json.mapper().readTree(first.getBody()).at("/error/code").asText()).isEqualTo("service_unavailable");
        assertThat(first.getBody()).doesNotContain("Exception", "canary-key");

        aws.enable();
        var retried = handler.handleRequest(event, null);
        assertThat(retried.getStatusCode()).as(retried.getBody()).isEqualTo(201);
        api.assertExactlyOneAccountWithItsImportEntry(user);
    }

    /**
     * Secrets Manager alone unreachable when a new container starts (DynamoDB answers): the import
     * that needs the key set is a 503, nothing is written (no account, no auth-log entry), and the
     * same container recovers once Secrets Manager is back. Its own proxy, so only it fails.
     */
    @Test
    void secretsManagerUnreachableAtColdStart_firstImportIs503_nothingWritten_thenTheContainerRecovers()
            throws Exception {
        Proxy secrets = toxiproxy.proxy("secrets", awsEndpoint);
        secrets.disable();
        System.setProperty(AwsServicesModule.SECRETS_ENDPOINT, ToxiproxyServer.url(secrets).toString());
        try {
            String user = "cold-sm-" + UUID.randomUUID();
            var handler = newImportHandler();
            var event = importEvent(user, "cold-sm-1");

            var first = handler.handleRequest(event, null);
            assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(503);
            assertThat(Json.mapper().readTree(first.getBody()).at("/error/code").asText()).isEqualTo("service_unavailable");
            assertThat(first.getBody()).doesNotContain("Exception", "canary-key");
            assertThat(api.call("GET", "/v1/linked-accounts?endUserId=" + user, null).body())
                    .as("nothing written while the key set was out of reach").contains("\"data\":[]");

            secrets.enable();
            var retried = handler.handleRequest(event, null);
            assertThat(retried.getStatusCode()).as(retried.getBody()).isEqualTo(201);
            api.assertExactlyOneAccountWithItsImportEntry(user);
        } finally {
            System.clearProperty(AwsServicesModule.SECRETS_ENDPOINT);
            secrets.delete();
        }
    }

    // ------------------------------------------------------------------ OAuth provider

    @Test
    void tokenEndpointReset_duringARefresh_marksTheAccountDegraded_andTheNextRefreshWorks() throws Exception {
        String id = connectOAuth("oauth-reset-" + UUID.randomUUID());
        oauth.toxics().resetPeer("reset", ToxicDirection.UPSTREAM, 0);

        assertProviderUnavailable(refresh(id));

        heal();
        assertRefreshesTwice(id);
    }

    @Test
    void tokenEndpointAnswering503_marksTheAccountDegraded_andNothingIsLost() throws Exception {
        String id = connectOAuth("oauth-503-" + UUID.randomUUID());
        provider.failTokenRequests(503, "{\"error\":\"temporarily_unavailable\"}", "application/json", null);

        assertProviderUnavailable(refresh(id));

        heal();
        assertRefreshesTwice(id);
    }

    /** A slow provider, still within the token call's deadline: the refresh only takes longer. */
    @Test
    void tokenEndpointLatency_withinTheDeadline_onlySlowsTheRefresh() throws Exception {
        String id = connectOAuth("oauth-slow-" + UUID.randomUUID());
        oauth.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1500);

        var response = refresh(id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        heal();
        assertRefreshesTwice(id);
    }

    // ------------------------------------------------------------------ helpers

    /** An OAuth account imported with a real grant from the provider. */
    private static String connectOAuth(String user) throws Exception {
        var pair = provider.issue(user, Set.of("read"));
        var response = api.call("POST", "/v1/linked-accounts/import", """
                {"connector": "idp", "authMethod": "oauth", "endUserId": "%s",
                 "credentials": {"accessToken": "%s", "refreshToken": "%s", "expiresAt": "%s", "scopes": ["read"]}}
                """.formatted(user, pair.accessToken(), pair.refreshToken(), pair.expiresAt()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.mapper().readTree(response.body()).at("/linkedAccount/id").asText();
    }

    private static HttpResponse<String> refresh(String id) throws Exception {
        return api.call("POST", "/v1/linked-accounts/" + id + "/refresh", null);
    }

    /**
     * Two refreshes in a row succeed: the first proves the refresh token stored through the fault
     * was still the valid one, the second that the token the first rotated was persisted (the
     * provider refuses a reused refresh token). Each left its auth-log entry.
     */
    /** A new container of the import function: its handler built now, reading the settings as they are now. */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> newImportHandler() throws Exception {
        String className = runner.stack().function("CredentialImportFunction").handler().split("::")[0];
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                Class.forName(className).getDeclaredConstructor().newInstance();
    }

    /** An import of an API key for {@code user}, as API Gateway hands it to the function after the authorizer. */
    private static APIGatewayV2HTTPEvent importEvent(String user, String requestId) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/linked-accounts/import")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("""
                        {"connector": "crm", "authMethod": "key", "endUserId": "%s", "externalRef": "ref-1",
                         "credentials": {"apiKey": "canary-key-cold"}}""".formatted(user))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(requestId)
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("appId", appId, "keyId", "key_cold")).build()).build())
                .build();
    }

    private static void assertRefreshesTwice(String id) throws Exception {
        for (int i = 0; i < 2; i++) {
            var response = refresh(id);
            assertThat(response.statusCode()).as("refresh %d: %s", i + 1, response.body()).isEqualTo(200);
        }
        var account = Json.mapper().readTree(api.call("GET", "/v1/linked-accounts/" + id, null).body());
        assertThat(account.path("status").asText()).isEqualTo("CONNECTED");
        // After a fault the first success is logged as a recovery, the next as a refresh.
        assertThat(api.eventTypes(id)).filteredOn(t -> t.equals("linked_account.refreshed") || t.equals("linked_account.recovered"))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    /**
     * A provider fault during "refresh now": the documented answer is the account after the
     * attempt, 200 with {@code DEGRADED} and why (docs/openapi.yaml); the stored credentials are untouched.
     */
    private static void assertProviderUnavailable(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode account = Json.mapper().readTree(response.body());
        assertThat(account.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(api.eventTypes(account.path("id").asText())).as("the failure is in the auth log")
                .containsAnyOf("linked_account.degraded", "linked_account.refresh_failed");
        assertThat(account.path("statusReason").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("accessToken", "refreshToken", "Exception");
    }
}
