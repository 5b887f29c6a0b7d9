package dev.keyway.functions.mcp;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The mcp function through the handler Lambda runs, against real DynamoDB, with the repo's sample events. */
@ExtendWith(LocalAwsExtension.class)
class McpHandlerTest {
    private static McpHandler handler;
    private static String appId;

    @BeforeAll
    static void setUp(LocalAws aws) {
        System.setProperty(KeywayConfig.PUBLIC_URL, "https://connect.example.com");
        handler = new McpHandler();
        var clock = Clock.systemUTC();
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var authLog = new AuthLog(table, clock);
        var apps = new AppRepository(table);
        appId = new AppAdminService(table, apps, authLog, clock).createApp("Acme", false, "test").id();
        var secrets = new EncryptedSecrets(new CredentialCipher(new KeySetMasterKeyProvider(
                new SecretsManagerKeySetSource(aws.secretsManager(), aws.config().keySetSecretId()))));
        var catalog = ProviderCatalog.shipped();
        new ConnectorService(table, new ConnectorRepository(table, secrets), apps, new ConnectorDefinitionParser(catalog),
                catalog, authLog, clock).put(appId, "acme-crm", """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}}]}
                """, "test");
    }

    @ParameterizedTest
    @Event(value = "events/mcp-servers-create.json", type = APIGatewayV2HTTPEvent.class)
    void sampleCreateEvent_givesAServerUrl_whoseTokenListsTheTools(APIGatewayV2HTTPEvent event) throws Exception {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("appId", appId, "keyId", "key_sample"));
        var created = handler.handleRequest(event, null);

        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        String url = Json.mapper().readTree(created.getBody()).get("serverUrl").asText();
        assertThat(url).matches("https://connect\\.example\\.com/mcp/mcps_[a-z2-7]{78}");

        // The same event turned into an MCP message to the new URL, as API Gateway would deliver it.
        String token = url.substring(url.lastIndexOf('/') + 1);
        APIGatewayV2HTTPEvent message = event;
        message.setRouteKey("POST /mcp/{serverToken}");
        message.setRawPath("/mcp/" + token);
        message.setPathParameters(Map.of("serverToken", token));
        message.setHeaders(Map.of("content-type", "application/json", "accept", "application/json, text/event-stream"));
        message.getRequestContext().setAuthorizer(null);
        message.setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        var tools = handler.handleRequest(message, null);
        assertThat(tools.getStatusCode()).as(tools.getBody()).isEqualTo(200);
        JsonNode names = Json.mapper().readTree(tools.getBody()).at("/result/tools");
        assertThat(names.findValuesAsText("name")).containsExactlyInAnyOrder("list_connections", "acme-crm_request");
    }

    @ParameterizedTest
    @Event(value = "events/mcp-message.json", type = APIGatewayV2HTTPEvent.class)
    void sampleMessageEvent_withAnUnknownToken_is401AndSaysNothingMore(APIGatewayV2HTTPEvent event) throws Exception {
        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(response.getBody()).at("/error/code").asText()).isEqualTo("invalid_server_token");
    }
}
