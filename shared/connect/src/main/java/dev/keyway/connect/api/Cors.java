package dev.keyway.connect.api;

import dev.keyway.apps.AllowedOrigins;
import dev.keyway.apps.App;
import dev.keyway.core.Json;
import dev.keyway.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CORS for the session API: an app's page calls it from the app's own origin, which must be one
 * of the app's allowed origins. The preflight cannot know the app (it carries no token), so it
 * answers any origin; the real answer only names the origin when the session's app allows it, so
 * another site's page can never read it.
 */
public final class Cors {
    private Cors() {
    }

    public static ApiResponse preflight(Optional<String> origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        origin.ifPresent(o -> headers.put("access-control-allow-origin", o));
        headers.put("access-control-allow-methods", "GET, POST, OPTIONS");
        headers.put("access-control-allow-headers", "authorization, content-type");
        headers.put("access-control-max-age", "600");
        headers.put("vary", "Origin");
        headers.put("cache-control", "no-store");
        return ApiResponse.raw(204, headers, new byte[0], true);
    }

    /** A JSON answer with CORS headers when {@code app} allows {@code origin} (app may be null: an error before it is known). */
    public static ApiResponse json(int status, Object body, Optional<String> origin, App app) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        headers.put("vary", "Origin");
        // Errors before the app is known (an expired session) still reach the page, so the SDK can say why.
        origin.filter(o -> app == null || AllowedOrigins.allowsOrigin(app, o))
                .ifPresent(o -> headers.put("access-control-allow-origin", o));
        return ApiResponse.raw(status, headers, Json.write(body).getBytes(StandardCharsets.UTF_8), true);
    }
}
