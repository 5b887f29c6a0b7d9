package dev.keyway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.keyway.core.KeywayException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pass-through accessors (the proxy): raw path, query and method, exact body bytes, raw responses. */
class ApiRequestRawTest {

    private static APIGatewayV2HTTPEvent event(String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("ANY /v1/proxy/{linkedAccountId}/{path+}")
                .withRawPath("/v1/proxy/la_1/a%2Fb")
                .withRawQueryString("q=%20x")
                .withHeaders(Map.of("X-Custom", "1"))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("patch").build())
                        .build())
                .build();
    }

    @Test
    void rawAccessors_giveWhatTheClientSent() {
        ApiRequest request = ApiRequest.from(event(null, false));

        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.rawPath()).contains("/v1/proxy/la_1/a%2Fb");
        assertThat(request.rawQueryString()).isEqualTo("q=%20x");
        assertThat(request.headers()).containsEntry("x-custom", "1");
        assertThat(request.bodyBytes(10)).isEmpty();
    }

    @Test
    void bodyBytes_decodesBase64_andRefusesOversizeWith413() {
        byte[] bytes = {0, (byte) 0xff, 7};
        assertThat(ApiRequest.from(event(Base64.getEncoder().encodeToString(bytes), true)).bodyBytes(3)).isEqualTo(bytes);
        assertThatThrownBy(() -> ApiRequest.from(event("abcd", false)).bodyBytes(3))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void rawResponse_keepsItsHeaders_andBase64EncodesBinary() {
        var text = ApiResponse.raw(201, Map.of("content-type", "text/plain"), "héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8), true).toEvent();
        var binary = ApiResponse.raw(200, Map.of("content-type", "image/png"), new byte[] {1, 2, (byte) 0xff}, false).toEvent();

        assertThat(text.getStatusCode()).isEqualTo(201);
        assertThat(text.getHeaders()).containsExactly(Map.entry("content-type", "text/plain"));
        assertThat(text.getBody()).isEqualTo("héllo");
        assertThat(text.getIsBase64Encoded()).isFalse();
        assertThat(binary.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.getBody())).isEqualTo(new byte[] {1, 2, (byte) 0xff});
    }
}
