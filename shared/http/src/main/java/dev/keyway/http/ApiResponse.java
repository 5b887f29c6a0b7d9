package dev.keyway.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.keyway.core.Json;
import java.util.Map;

/** A JSON response; every one says no-store, because every one is about credentials. */
public record ApiResponse(int status, Object body) {
    private static final Map<String, String> HEADERS = Map.of(
            "content-type", "application/json",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    public static ApiResponse error(int status, String code, String message) {
        return new ApiResponse(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    /**
     * A body passed through as it is, with its own headers (the proxy): text as a string, anything
     * else base64-encoded, which API Gateway decodes back into the exact bytes.
     */
    public record Raw(Map<String, String> headers, String body, boolean base64) {
        @Override
        public String toString() {
            return "Raw[" + (body == null ? 0 : body.length()) + " chars]";
        }
    }

    public static ApiResponse raw(int status, Map<String, String> headers, byte[] body, boolean utf8Text) {
        String encoded = body == null || body.length == 0 ? ""
                : utf8Text ? new String(body, java.nio.charset.StandardCharsets.UTF_8)
                : java.util.Base64.getEncoder().encodeToString(body);
        return new ApiResponse(status, new Raw(Map.copyOf(headers), encoded, !utf8Text && !encoded.isEmpty()));
    }

    public APIGatewayV2HTTPResponse toEvent() {
        if (body instanceof Raw raw) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(raw.headers())
                    .withBody(raw.body())
                    .withIsBase64Encoded(raw.base64())
                    .build();
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(HEADERS)
                .withBody(body == null ? "" : Json.write(body))
                .build();
    }
}
