package dev.keyway.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.keyway.core.Ids;
import dev.keyway.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Plays API Gateway (HTTP API, payload 2.0) in front of the hosted functions: matches the
 * template's routes, runs the Lambda authorizer on authorized routes, builds the same event
 * objects and turns the function's response into HTTP.
 */
final class HttpApiEmulator implements HttpHandler {
    /** API Gateway's own payload limit. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;

    record Route(RoutePattern pattern, FunctionHost function, boolean authorized) {
    }

    private final List<Route> routes;
    private final FunctionHost authorizer;

    HttpApiEmulator(List<Route> routes, FunctionHost authorizer) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.pattern().specificity()).reversed())
                .toList();
        this.authorizer = authorizer;
    }

    List<Route> routes() {
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            Optional<Matched> matched = match(method, decodePath(rawPath));
            if (matched.isEmpty()) {
                send(exchange, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}");
                return;
            }
            Request request = new Request(method, rawPath, exchange.getRequestURI().getRawQuery(),
                    headers(exchange), body, matched.get());
            respond(exchange, request);
        } catch (RuntimeException e) {
            // A function that throws becomes API Gateway's bare 500, as in AWS.
            e.printStackTrace();
            send(exchange, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}");
        }
    }

    private void respond(HttpExchange exchange, Request request) throws IOException {
        Map<String, Object> authorizerContext = Map.of();
        if (request.matched().route().authorized()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) authorizer.invoke(authorizerEvent(request));
            if (!Boolean.TRUE.equals(result.get("isAuthorized"))) {
                send(exchange, 403, Map.of("content-type", "application/json"), "{\"message\":\"Forbidden\"}");
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) result.getOrDefault("context", Map.of());
            authorizerContext = context;
        }
        var response = (APIGatewayV2HTTPResponse) request.matched().route().function()
                .invoke(httpEvent(request, authorizerContext));
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.getStatusCode(), headers, bytes, response.getCookies());
    }

    record Matched(Route route, Map<String, String> pathParameters) {
    }

    record Request(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
                   Matched matched) {
        String routeKey() {
            return matched.route().pattern().routeKey();
        }
    }

    Optional<Matched> match(String method, String path) {
        for (Route route : routes) {
            var params = route.pattern().match(method, path);
            if (params.isPresent()) {
                return Optional.of(new Matched(route, params.get()));
            }
        }
        return Optional.empty();
    }

    private static APIGatewayV2CustomAuthorizerEvent authorizerEvent(Request request) {
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:us-east-1:000000000000:local/$default/"
                        + request.method() + request.rawPath())
                .withRouteKey(request.routeKey())
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withHeaders(request.headers())
                .withQueryStringParameters(QueryStrings.parse(request.rawQuery()))
                .withPathParameters(request.matched().pathParameters())
                .build();
    }

    private static APIGatewayV2HTTPEvent httpEvent(Request request, Map<String, Object> authorizerContext) {
        boolean text = isText(request.headers().get("content-type"));
        String body = request.body().length == 0 ? null
                : text ? new String(request.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(request.body());
        Map<String, String> query = QueryStrings.parse(request.rawQuery());
        // Payload 2.0 moves cookies out of the headers into their own list, one entry per cookie.
        Map<String, String> headers = new java.util.HashMap<>(request.headers());
        String cookieHeader = headers.remove("cookie");
        List<String> cookies = cookieHeader == null ? null
                : java.util.Arrays.stream(cookieHeader.split(";")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(request.routeKey())
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withHeaders(headers)
                .withCookies(cookies)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(request.matched().pathParameters().isEmpty()
                        ? null : request.matched().pathParameters())
                .withBody(body)
                .withIsBase64Encoded(body != null && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(Ids.newId("req"))
                        .withRouteKey(request.routeKey())
                        .withStage("$default")
                        .withTimeEpoch(Instant.now().toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.method())
                                .withPath(request.rawPath())
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent(request.headers().getOrDefault("user-agent", ""))
                                .build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(authorizerContext.isEmpty() ? null : authorizerContext)
                                .build())
                        .build())
                .build();
    }

    /** API Gateway passes text bodies as strings and base64-encodes everything else. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
    }

    /** Lower-cased names, repeated headers joined with commas, as HTTP APIs deliver them. */
    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
        return bytes.length > MAX_PAYLOAD ? null : bytes;
    }

    private static String decodePath(String rawPath) {
        return QueryStrings.percentDecode(rawPath, false);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        send(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body,
                             List<String> cookies) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (cookies != null) {
            cookies.forEach(c -> exchange.getResponseHeaders().add("set-cookie", c));
        }
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    static String describe(Route route) {
        return String.format("%-7s %-45s -> %s%s", route.pattern().method(), route.pattern().path(),
                route.function().logicalId(), route.authorized() ? "" : " (no app key)");
    }

    static String json(Object value) {
        return Json.write(value);
    }
}
