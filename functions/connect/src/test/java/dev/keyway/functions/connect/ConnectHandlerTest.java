package dev.keyway.functions.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.ConnectorDefinitionParser;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayConfig;
import dev.keyway.crypto.CredentialCipher;
import dev.keyway.crypto.KeySetMasterKeyProvider;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connect function through the handler Lambda runs, against real DynamoDB, with the repo's sample events. */
@ExtendWith(LocalAwsExtension.class)
class ConnectHandlerTest {
    private static ConnectHandler handler;
    private static String appId;

    @BeforeAll
    static void setUp(LocalAws aws) {
        System.setProperty(KeywayConfig.PUBLIC_URL, "https://connect.example.com");
        handler = new ConnectHandler();
        var clock = Clock.systemUTC();
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var authLog = new AuthLog(table, clock);
        var apps = new AppRepository(table);
        var admin = new AppAdminService(table, apps, authLog, clock);
        appId = admin.createApp("Acme", false, "test").id();
        admin.setAllowedOrigins(appId, List.of("https://app.example.com"), "test");
        var secrets = new EncryptedSecrets(new CredentialCipher(new KeySetMasterKeyProvider(
                new SecretsManagerKeySetSource(aws.secretsManager(), aws.config().keySetSecretId()))));
        var catalog = ProviderCatalog.shipped();
        new ConnectorService(table, new ConnectorRepository(table, secrets), apps, new ConnectorDefinitionParser(catalog),
                catalog, authLog, clock).put(appId, "acme-crm", """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}}]}
                """, "test");
    }

    private static APIGatewayV2HTTPEvent asApp(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("appId", appId, "keyId", "key_sample"));
        return event;
    }

    @ParameterizedTest
    @Event(value = "events/connect-sessions-create.json", type = APIGatewayV2HTTPEvent.class)
    void sampleEvent_mintsASession_whoseLinkOpensThePortal(APIGatewayV2HTTPEvent event) throws Exception {
        var response = handler.handleRequest(asApp(event), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        JsonNode body = Json.mapper().readTree(response.getBody());
        String token = body.get("token").asText();
        assertThat(token).matches("cs_[a-z2-7]{52}");
        assertThat(body.get("connectUrl").asText()).isEqualTo("https://connect.example.com/connect?session=" + token);
        assertThat(Duration.between(Instant.now(), Instant.parse(body.get("expiresAt").asText())))
                .isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));

        var page = handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /connect")
                .withQueryStringParameters(Map.of("session", token))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("t").build()).build(), null);

        assertThat(page.getStatusCode()).as(page.getBody()).isEqualTo(200);
        assertThat(page.getBody()).contains("Acme CRM").contains("name=\"apiKey\"");
        assertThat(page.getHeaders()).containsEntry("Cache-Control", "no-store").containsEntry("Referrer-Policy", "no-referrer");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("frame-ancestors https://app.example.com")
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
    }

    @ParameterizedTest
    @Event(value = "events/connect-portal.json", type = APIGatewayV2HTTPEvent.class)
    void samplePortalEvent_withAnUnknownSession_isTheExpiredPage(APIGatewayV2HTTPEvent event) {
        var page = handler.handleRequest(event, null);

        assertThat(page.getStatusCode()).isEqualTo(410);
        assertThat(page.getHeaders().get("Content-Type")).startsWith("text/html");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.getBody()).contains("expired");
    }

    @Test
    void aReturnUrlOffTheAllowList_isRefused() throws Exception {
        var event = APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/connect-sessions")
                .withBody("{\"endUserId\": \"u-1\", \"returnUrl\": \"https://evil.example/cb\"}")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("t")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("appId", appId, "keyId", "key_t")).build()).build()).build();

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.getBody()).at("/error/message").asText()).startsWith("returnUrl:");
    }

    /** Found by schemathesis (bin/test's API fuzz run): the portal's form post answered an HTML 415 where the contract says JSON. */
    @Test
    void aFormPostWithoutAFormBody_isTheDocumentedJsonError() throws Exception {
        var event = APIGatewayV2HTTPEvent.builder().withRouteKey("POST /connect/{connectorKey}")
                .withPathParameters(Map.of("connectorKey", "acme-crm")).withBody("{}")
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("t").build()).build();

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(415);
        var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.getHeaders());
        assertThat(headers.get("content-type")).startsWith("application/json");
        assertThat(Json.mapper().readTree(response.getBody()).at("/error/code").asText()).isEqualTo("unsupported_media_type");
    }
}
