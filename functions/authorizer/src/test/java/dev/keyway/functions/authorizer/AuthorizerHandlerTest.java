package dev.keyway.functions.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The authorizer as Lambda runs it: built by its no-arg constructor, against real DynamoDB. */
@ExtendWith(LocalAwsExtension.class)
class AuthorizerHandlerTest {
    private static AuthorizerHandler handler;
    private static AppAdminService admin;

    @BeforeAll
    static void setUp(LocalAws aws) {
        handler = new AuthorizerHandler();
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> result) {
        assertThat(result).containsEntry("isAuthorized", true);
        return (Map<String, Object>) result.get("context");
    }

    private static APIGatewayV2CustomAuthorizerEvent withAuthorization(APIGatewayV2CustomAuthorizerEvent event,
                                                                      String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (value == null) {
            headers.remove("authorization");
        } else {
            headers.put("authorization", value);
        }
        event.setHeaders(headers);
        return event;
    }

    @ParameterizedTest
    @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
    void sampleEvent_withAValidKey_putsTheAppIdInTheContext(APIGatewayV2CustomAuthorizerEvent event) {
        var app = admin.createApp("Authorized", false, "test");
        var key = admin.createKey(app.id(), "test");

        var result = handler.handleRequest(withAuthorization(event, "Bearer " + key.secretKey()), null);

        assertThat(context(result)).containsEntry("appId", app.id()).containsEntry("keyId", key.keyId())
                .doesNotContainKey("authError");
    }

    @ParameterizedTest
    @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
    void sampleEvent_asShipped_namesAnUnknownKey(APIGatewayV2CustomAuthorizerEvent event) {
        assertThat(context(handler.handleRequest(event, null))).containsEntry("authError", "invalid_api_key")
                .doesNotContainKey("appId");
    }

    @ParameterizedTest
    @Event(value = "events/authorizer.json", type = APIGatewayV2CustomAuthorizerEvent.class)
    void missingAndMalformedKeys_areNamed(APIGatewayV2CustomAuthorizerEvent event) {
        assertThat(context(handler.handleRequest(withAuthorization(event, null), null)))
                .containsEntry("authError", "missing_api_key");
        assertThat(context(handler.handleRequest(withAuthorization(event, "Bearer nope"), null)))
                .containsEntry("authError", "malformed_api_key");
    }

    @Test
    void revokedKey_isNamed() {
        var app = admin.createApp("Revoked", false, "test");
        var key = admin.createKey(app.id(), "test");
        admin.revokeKey(app.id(), key.keyId(), "test");
        var event = APIGatewayV2CustomAuthorizerEvent.builder()
                .withHeaders(Map.of("Authorization", "Bearer " + key.secretKey())).build();

        assertThat(context(handler.handleRequest(event, null))).containsEntry("authError", "revoked_api_key");
    }
}
