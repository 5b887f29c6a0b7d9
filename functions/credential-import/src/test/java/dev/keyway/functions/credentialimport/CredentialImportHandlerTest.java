package dev.keyway.functions.credentialimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.keyway.core.Json;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample events in events/ through the handler Lambda runs, against real DynamoDB. */
@ExtendWith(LocalAwsExtension.class)
class CredentialImportHandlerTest {
    private static Fixture fixture;
    private static CredentialImportHandler handler;

    @BeforeAll
    static void setUp(LocalAws aws) {
        fixture = DaggerFixture.create();
        handler = new CredentialImportHandler();
    }

    private static String appWithConnector() {
        String appId = fixture.apps().createApp("Import handler test", false, "test").id();
        fixture.connectors().put(appId, "acme-crm", """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}}]}
                """, "test");
        return appId;
    }

    private static void asApp(APIGatewayV2HTTPEvent event, String appId) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("appId", appId, "keyId", "key_sample"));
    }

    @ParameterizedTest
    @Event(value = "events/credential-import.json", type = APIGatewayV2HTTPEvent.class)
    void sampleImport_creates201_thenUpdates200_withTheSameId(APIGatewayV2HTTPEvent event) throws Exception {
        String appId = appWithConnector();
        asApp(event, appId);

        var first = handler.handleRequest(event, null);
        var second = handler.handleRequest(event, null);

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(second.getStatusCode()).isEqualTo(200);
        var a = Json.mapper().readTree(first.getBody());
        var b = Json.mapper().readTree(second.getBody());
        assertThat(b.at("/linkedAccount/id")).isEqualTo(a.at("/linkedAccount/id"));
        assertThat(first.getBody() + second.getBody()).doesNotContain("sample-api-key-not-real");
        assertThat(a.at("/linkedAccount/status").asText()).isEqualTo("CONNECTED");
    }

    @ParameterizedTest
    @Event(value = "events/credential-import-batch.json", type = APIGatewayV2HTTPEvent.class)
    void sampleBatch_answersEachItem(APIGatewayV2HTTPEvent event) throws Exception {
        String appId = appWithConnector();
        asApp(event, appId);

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.getBody()).get("created").asInt()).isEqualTo(2);
        assertThat(fixture.linkedAccounts().list(appId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).data()).hasSize(2);
    }

    @ParameterizedTest
    @Event(value = "events/credential-import.json", type = APIGatewayV2HTTPEvent.class)
    void malformedJson_is400_andNeverEchoesTheBody(APIGatewayV2HTTPEvent event) throws Exception {
        asApp(event, appWithConnector());
        event.setBody("{\"credentials\": {\"apiKey\": \"leak-me-123\"");

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).doesNotContain("leak-me-123").contains("invalid_request");
    }
}
