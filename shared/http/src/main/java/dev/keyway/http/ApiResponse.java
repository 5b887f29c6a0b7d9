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
    public record Raw(Map<String, String> headers, String body, boolean base64, java.util.List<String> cookies) {
        public Raw {
            cookies = cookies == null ? java.util.List.of() : java.util.List.copyOf(cookies);
        }

        @Override
        public String toString() {
            return "Raw[" + (body == null ? 0 : body.length()) + " chars]";
        }
    }

    public static ApiResponse raw(int status, Map<String, String> headers, byte[] body, boolean utf8Text) {
        String encoded = body == null || body.length == 0 ? ""
                : utf8Text ? new String(body, java.nio.charset.StandardCharsets.UTF_8)
                : java.util.Base64.getEncoder().encodeToString(body);
        return new ApiResponse(status, new Raw(Map.copyOf(headers), encoded, !utf8Text && !encoded.isEmpty(), null));
    }

    /** An HTML page (the hosted portal) with its own headers and any Set-Cookie values. */
    public static ApiResponse html(int status, Map<String, String> headers, String html, java.util.List<String> cookies) {
        return new ApiResponse(status, new Raw(Map.copyOf(headers), html, false, cookies));
    }

    /** A 302 to {@code location}: the browser's next step in a connection flow. */
    public static ApiResponse redirect(String location, Map<String, String> headers, java.util.List<String> cookies) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("location", location);
        all.put("cache-control", "no-store");
        return new ApiResponse(302, new Raw(Map.copyOf(all), "", false, cookies));
    }

    public APIGatewayV2HTTPResponse toEvent() {
        if (body instanceof Raw raw) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(raw.headers())
                    .withBody(raw.body())
                    .withIsBase64Encoded(raw.base64())
                    .withCookies(raw.cookies().isEmpty() ? null : raw.cookies())
                    .build();
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(HEADERS)
                .withBody(body == null ? "" : Json.write(body))
                .build();
    }
}
