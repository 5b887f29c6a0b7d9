package dev.keyway.functions.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The linked-accounts and revocation-retry handlers as Lambda builds them, with the sample events. */
@ExtendWith(LocalAwsExtension.class)
class LinkedAccountsHandlerTest {
    private static LinkedAccountsHandler handler;

    @BeforeAll
    static void setUp(LocalAws aws) {
        handler = new LinkedAccountsHandler();
    }

    private static APIGatewayV2HTTPEvent asApp(APIGatewayV2HTTPEvent event, String appId) {
        event.getRequestContext().getAuthorizer().setLambda(Map.of("appId", appId, "keyId", "key_sample"));
        return event;
    }

    @ParameterizedTest
    @Event(value = "events/linked-accounts-list.json", type = APIGatewayV2HTTPEvent.class)
    void sampleList_ofAnAppWithoutAccounts_isAnEmptyPage(APIGatewayV2HTTPEvent event) {
        var response = handler.handleRequest(asApp(event, "app_" + java.util.UUID.randomUUID()), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"data\":[],\"nextCursor\":null}");
    }

    @ParameterizedTest
    @Event(value = "events/linked-accounts-get.json", type = APIGatewayV2HTTPEvent.class)
    void sampleGet_ofAnUnknownAccount_is404Json(APIGatewayV2HTTPEvent event) {
        var response = handler.handleRequest(asApp(event, "app_x"), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"code\":\"not_found\"");
    }

    @ParameterizedTest
    @Event(value = "events/linked-accounts-delete.json", type = APIGatewayV2HTTPEvent.class)
    void sampleDelete_ofAnUnknownAccount_is404Json(APIGatewayV2HTTPEvent event) {
        assertThat(handler.handleRequest(asApp(event, "app_x"), null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void revocationRetry_runsWithNothingDue() {
        var run = new RevocationRetryHandler().handleRequest(Map.of(), null);
        assertThat(run.failed()).isZero();
    }
}
