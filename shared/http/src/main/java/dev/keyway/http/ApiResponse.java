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

    public APIGatewayV2HTTPResponse toEvent() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(HEADERS)
                .withBody(body == null ? "" : Json.write(body))
                .build();
    }
}
