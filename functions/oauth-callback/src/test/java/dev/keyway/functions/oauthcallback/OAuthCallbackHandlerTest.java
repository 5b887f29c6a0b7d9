package dev.keyway.functions.oauthcallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.keyway.core.KeywayConfig;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The callback Lambda with the repo's sample event: a state Keyway never issued is a 4xx page
 * and nothing else (the full flow runs in the local module's ConnectFlowTest and BrowserFlowTest).
 */
@ExtendWith(LocalAwsExtension.class)
class OAuthCallbackHandlerTest {
    private static OAuthCallbackHandler handler;

    @BeforeAll
    static void setUp(LocalAws aws) {
        System.setProperty(KeywayConfig.PUBLIC_URL, "https://connect.example.com");
        handler = new OAuthCallbackHandler();
    }

    @ParameterizedTest
    @Event(value = "events/oauth-callback.json", type = APIGatewayV2HTTPEvent.class)
    void sampleEvent_withAStateNeverIssued_isAClearPage(APIGatewayV2HTTPEvent event) {
        var page = handler.handleRequest(event, null);

        assertThat(page.getStatusCode()).isEqualTo(400);
        assertThat(page.getHeaders().get("Content-Type")).startsWith("text/html");
        assertThat(page.getHeaders()).containsEntry("Cache-Control", "no-store");
        assertThat(page.getBody()).contains("already completed or is unknown").doesNotContain("sample-code");
        assertThat(page.getCookies()).isNullOrEmpty();
    }
}
