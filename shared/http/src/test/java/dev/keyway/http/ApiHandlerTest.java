package dev.keyway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class ApiHandlerTest {
    static final class TestHandler extends ApiHandler {
        TestHandler() {
            super(new Routes()
                    .app("GET /v1/things", (appId, req) -> ApiResponse.ok(Map.of("appId", appId)))
                    .app("POST /v1/things", (appId, req) -> ApiResponse.created(Map.of("length", req.body().length())))
                    .app("GET /v1/fail", (appId, req) -> {
                        throw new IllegalStateException("boom with canary-secret-123");
                    })
                    .app("GET /v1/aws-down", (appId, req) -> {
                        throw SdkClientException.create("connection refused");
                    })
                    .app("GET /v1/bad", (appId, req) -> {
                        throw KeywayException.invalid("name: must not be blank");
                    })
                    .open("GET /open", req -> ApiResponse.ok(Map.of("open", true))));
        }
    }

    private final TestHandler handler = new TestHandler();

    static APIGatewayV2HTTPEvent event(String routeKey, Map<String, Object> authorizer, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("req-1")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(authorizer).build())
                        .build())
                .build();
    }

    static Map<String, Object> json(APIGatewayV2HTTPResponse response) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.mapper().readValue(response.getBody(), Map.class);
        return map;
    }

    @Test
    void appRoute_receivesTheAppIdFromTheAuthorizerContext() throws Exception {
        var response = handler.handleRequest(event("GET /v1/things", Map.of("appId", "app_1"), null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response)).containsEntry("appId", "app_1");
        assertThat(response.getHeaders()).containsEntry("cache-control", "no-store");
    }

    @Test
    void appRoute_answers401WithTheAuthorizersErrorCode_whenNoAppId() throws Exception {
        var response = handler.handleRequest(
                event("GET /v1/things", Map.of("authError", AuthContext.REVOKED_KEY), null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response)).extractingByKey("error").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("code", "revoked_api_key");
    }

    @Test
    void appRoute_answers401MissingKey_whenNoAuthorizerContextAtAll() throws Exception {
        var response = handler.handleRequest(event("GET /v1/things", null, null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).contains("missing_api_key");
    }

    @Test
    void openRoute_needsNoAppId() {
        var response = handler.handleRequest(event("GET /open", null, null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoute_is404Json() {
        var response = handler.handleRequest(event("GET /nope", Map.of("appId", "a"), null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("route_not_found");
    }

    @Test
    void body_over64KiB_isRefusedWith413() {
        String big = "x".repeat(ApiRequest.MAX_BODY_BYTES + 1);
        var response = handler.handleRequest(event("POST /v1/things", Map.of("appId", "a"), big, false), null);
        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(response.getBody()).contains("payload_too_large");
    }

    @Test
    void body_exactly64KiB_isAccepted() throws Exception {
        String max = "x".repeat(ApiRequest.MAX_BODY_BYTES);
        var response = handler.handleRequest(event("POST /v1/things", Map.of("appId", "a"), max, false), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(json(response)).containsEntry("length", ApiRequest.MAX_BODY_BYTES);
    }

    @Test
    void base64Body_isDecoded() throws Exception {
        String encoded = Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8));
        var response = handler.handleRequest(event("POST /v1/things", Map.of("appId", "a"), encoded, true), null);
        assertThat(json(response)).containsEntry("length", 5);
    }

    @Test
    void unexpectedException_is500WithoutItsMessage() {
        var response = handler.handleRequest(event("GET /v1/fail", Map.of("appId", "a"), null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("internal_error").contains("req-1").doesNotContain("canary-secret-123");
    }

    @Test
    void awsClientFailure_is503Retryable() {
        var response = handler.handleRequest(event("GET /v1/aws-down", Map.of("appId", "a"), null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("service_unavailable");
    }

    @Test
    void keywayException_keepsItsStatusCodeAndMessage() throws Exception {
        var response = handler.handleRequest(event("GET /v1/bad", Map.of("appId", "a"), null, false), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response)).extractingByKey("error").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("code", "invalid_request").containsEntry("message", "name: must not be blank");
    }
}
