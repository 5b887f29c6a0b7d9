package dev.keyway.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.keyway.core.KeywayException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The parts of an API Gateway HTTP API (payload 2.0) event that handlers use. */
public final class ApiRequest {
    /** Larger bodies are refused before any parsing: no Keyway request needs more. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers;

    private ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        this.headers = new TreeMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
    }

    public static ApiRequest from(APIGatewayV2HTTPEvent event) {
        return new ApiRequest(event);
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String requestId() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getRequestId() == null ? "-" : ctx.getRequestId();
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) {
            throw KeywayException.invalid("missing path parameter " + name);
        }
        return value;
    }

    public Optional<String> queryParameter(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name)).filter(v -> !v.isEmpty());
    }

    /** Every query parameter (empty values kept); a repeated name arrives joined with commas. */
    public Map<String, String> queryParameters() {
        Map<String, String> params = event.getQueryStringParameters();
        return params == null ? Map.of() : java.util.Collections.unmodifiableMap(params);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * A cookie's value. HTTP APIs (payload 2.0) deliver cookies in their own list, not as a header;
     * the first cookie of that name wins.
     */
    public Optional<String> cookie(String name) {
        java.util.List<String> cookies = event.getCookies();
        if (cookies == null) {
            cookies = header("cookie").map(h -> java.util.List.of(h.split(";"))).orElse(java.util.List.of());
        }
        for (String cookie : cookies) {
            // Commas and quotes too: RFC 2965 clients (the JDK's CookieManager) send $Version="1", name="value".
            for (String part : cookie.split("[;,]")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                    String value = part.substring(eq + 1).strip();
                    return Optional.of(value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                            ? value.substring(1, value.length() - 1) : value);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The fields of an HTML form post ({@code application/x-www-form-urlencoded}); the first value
     * of a repeated name wins. Refused with 415 for any other content type.
     */
    public Map<String, String> formFields(int maxBytes) {
        String type = header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new KeywayException(415, "unsupported_media_type", "expected an HTML form post");
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String pair : body(maxBytes).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** Every header, names lower-cased, repeated headers joined with commas (as HTTP APIs deliver them). */
    public Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    /** The HTTP method, upper-case; for an {@code ANY} route this is the only place it is found. */
    public String method() {
        var ctx = event.getRequestContext();
        String method = ctx == null || ctx.getHttp() == null ? null : ctx.getHttp().getMethod();
        if (method == null && routeKey() != null && routeKey().indexOf(' ') > 0) {
            method = routeKey().substring(0, routeKey().indexOf(' '));
        }
        return method == null ? "" : method.toUpperCase(Locale.ROOT);
    }

    /** The request path as the client sent it, still percent-encoded (unlike path parameters). */
    public Optional<String> rawPath() {
        String raw = event.getRawPath();
        if (raw == null || raw.isEmpty()) {
            var ctx = event.getRequestContext();
            raw = ctx == null || ctx.getHttp() == null ? null : ctx.getHttp().getPath();
        }
        return Optional.ofNullable(raw).filter(p -> !p.isEmpty());
    }

    /** The query string as the client sent it, still percent-encoded; "" when there is none. */
    public String rawQueryString() {
        return event.getRawQueryString() == null ? "" : event.getRawQueryString();
    }

    /**
     * The body's exact bytes (base64 bodies decoded), empty when there is none; refused with 413
     * over {@code maxBytes}. For routes that pass bodies through rather than parse them.
     */
    public byte[] bodyBytes(int maxBytes) {
        String raw = event.getBody();
        if (raw == null || raw.isEmpty()) {
            return new byte[0];
        }
        byte[] bytes = event.getIsBase64Encoded() ? decodeBase64(raw) : raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new KeywayException(413, "payload_too_large",
                    "request body is " + bytes.length + " bytes; the limit is " + maxBytes);
        }
        return bytes;
    }

    /** The body as text, refused with 413 when over {@link #MAX_BODY_BYTES} and with 400 when absent. */
    public String body() {
        return body(MAX_BODY_BYTES);
    }

    /** The body as text with a route's own size limit (batch imports carry up to 100 accounts). */
    public String body(int maxBytes) {
        String raw = event.getBody();
        if (raw == null || raw.isEmpty()) {
            throw KeywayException.invalid("request body is required");
        }
        byte[] bytes = event.getIsBase64Encoded() ? decodeBase64(raw) : raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new KeywayException(413, "payload_too_large",
                    "request body is " + bytes.length + " bytes; the limit is " + maxBytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The app the authorizer resolved from the secret key. The authorizer never rejects on its
     * own (see template.yaml); it leaves an {@code authError} code that is answered here as 401.
     */
    public String appId() {
        Map<String, Object> context = authorizerContext();
        Object appId = context.get(AuthContext.APP_ID);
        if (appId instanceof String id && !id.isEmpty()) {
            return id;
        }
        Object code = context.get(AuthContext.AUTH_ERROR);
        throw AuthContext.failure(code instanceof String c ? c : AuthContext.MISSING_KEY);
    }

    /** Another value the authorizer left in the context, such as the key id. */
    public Optional<String> authorizerValue(String name) {
        Object value = authorizerContext().get(name);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private Map<String, Object> authorizerContext() {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getLambda() == null) {
            return Map.of();
        }
        return ctx.getAuthorizer().getLambda();
    }

    private static byte[] decodeBase64(String raw) {
        try {
            return Base64.getDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw KeywayException.invalid("request body is not valid base64");
        }
    }
}
