package dev.keyway.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.keyway.core.KeywayException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The thin part of every HTTP function: find the route, run it, turn the outcome into JSON.
 * Errors become {@code {"error":{"code","message"}}}; a stack trace never reaches the caller.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Routes routes;

    protected ApiHandler(Routes routes) {
        this.routes = routes;
    }

    /** The route keys this handler answers; a test holds them equal to template.yaml's. */
    public java.util.Set<String> routeKeys() {
        return routes.routeKeys();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = ApiRequest.from(event);
        return respond(request).toEvent();
    }

    ApiResponse respond(ApiRequest request) {
        try {
            return routes.find(request.routeKey())
                    .map(route -> route.handle(request))
                    .orElseGet(() -> ApiResponse.error(404, "route_not_found", "no route " + request.routeKey()));
        } catch (KeywayException e) {
            logFailure(request, e.status(), e.code(), e);
            return ApiResponse.error(e.status(), e.code(), e.getMessage());
        } catch (SdkException e) {
            if (isRetryable(e)) {
                logFailure(request, 503, "service_unavailable", e);
                return ApiResponse.error(503, "service_unavailable",
                        "a storage dependency is unavailable; retry with backoff");
            }
            return internalError(request, e);
        } catch (RuntimeException e) {
            return internalError(request, e);
        }
    }

    private static boolean isRetryable(SdkException e) {
        if (e instanceof SdkClientException || e.retryable()) {
            return true;
        }
        return e instanceof SdkServiceException s && (s.isThrottlingException() || s.statusCode() >= 500);
    }

    private static ApiResponse internalError(ApiRequest request, RuntimeException e) {
        logFailure(request, 500, "internal_error", e);
        return ApiResponse.error(500, "internal_error",
                "an unexpected error occurred; quote request id " + request.requestId());
    }

    private static void logFailure(ApiRequest request, int status, String code, Exception e) {
        // The exception's class, never its message: messages of parse errors can echo input.
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("requestId", request.requestId());
        fields.put("routeKey", String.valueOf(request.routeKey()));
        fields.put("status", status);
        fields.put("code", code);
        fields.put("exception", e.getClass().getName());
        if (status == 500) {
            // Frames (class, method, line) locate a bug without carrying any data.
            fields.put("at", java.util.Arrays.stream(e.getStackTrace()).limit(8).map(String::valueOf).toList());
        }
        if (status >= 500) {
            Log.error("request_failed", fields);
        } else {
            Log.info("request_rejected", fields);
        }
    }
}
