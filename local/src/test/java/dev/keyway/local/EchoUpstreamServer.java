package dev.keyway.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A provider stand-in on 127.0.0.1 (the JDK HTTP server) for the canary and isolation tests. It
 * records every request it receives and answers:
 * <ul>
 *   <li>{@code …/revoke}: 200 (RFC 7009), {@code …/revoke-fail}: 503;</li>
 *   <li>{@code …/token}: a 400 {@code invalid_grant} (nothing should need a token here);</li>
 *   <li>{@code …/status/<n>…}: status n with the echo as body;</li>
 *   <li>{@code …/gzip…}: the echo, gzip-compressed;</li>
 *   <li>anything else: 200 with the echo.</li>
 * </ul>
 * The echo is the request as JSON (method, raw path and query, headers, body), and every request
 * header comes back as a response header {@code X-Echo-<name>} too, so an injected credential
 * reaches both the response headers and the body of what the proxy hands back.
 */
final class EchoUpstreamServer implements AutoCloseable {
    /** One request as received. */
    record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String body) {
        /** Everything the upstream received, as one searchable text. */
        String text() {
            return method + " " + rawPath + "?" + rawQuery + "\n" + headers + "\n" + body;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int tokenStatus = 400;
    private volatile String tokenAnswer = "{\"error\":\"invalid_grant\"}";

    /** What every token request (refresh after a provider 401, client credentials) is answered with. */
    void answerTokenRequests(int status, String json) {
        tokenStatus = status;
        tokenAnswer = json;
    }

    EchoUpstreamServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (IOException e) {
                // the client went away
            }
        });
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        Seen s = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
        seen.add(s);
        String path = s.rawPath();
        if (path.endsWith("/revoke")) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        if (path.endsWith("/revoke-fail")) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        if (path.endsWith("/token")) {
            send(exchange, tokenStatus, tokenAnswer);
            return;
        }
        int status = 200;
        int at = path.indexOf("/status/");
        if (at >= 0) {
            String rest = path.substring(at + "/status/".length());
            status = Integer.parseInt(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", s.method());
        echo.put("rawPath", s.rawPath());
        echo.put("rawQuery", s.rawQuery());
        echo.put("headers", s.headers());
        echo.put("body", s.body());
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals("connection")) {
                exchange.getResponseHeaders().add("X-Echo-" + name, String.join(",", values));
            }
        });
        if (path.contains("/gzip")) {
            var compressed = new java.io.ByteArrayOutputStream();
            try (var gzip = new java.util.zip.GZIPOutputStream(compressed)) {
                gzip.write(Json.write(echo).getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, compressed.size());
            exchange.getResponseBody().write(compressed.toByteArray());
            return;
        }
        send(exchange, status, Json.write(echo));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int count() {
        return seen.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
