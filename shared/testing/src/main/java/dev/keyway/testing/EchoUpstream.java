package dev.keyway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 standing in for a provider: it records every request and, on
 * {@code /echo…}, answers with the request it saw (method, raw path and query, headers, body) as JSON.
 * Other paths are handed to the handler a test registers.
 */
public final class EchoUpstream implements AutoCloseable {
    public record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    public EchoUpstream(Map<String, Handler> handlers) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Seen s = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
                seen.add(s);
                String path = s.rawPath();
                for (var entry : handlers.entrySet()) {
                    if (path.startsWith(entry.getKey())) {
                        entry.getValue().handle(exchange);
                        return;
                    }
                }
                echo(exchange, s);
            } catch (IOException e) {
                // the client went away (timeout tests)
            }
        });
        server.start();
    }

    public static void echo(HttpExchange exchange, Seen s) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", s.method());
        out.put("rawPath", s.rawPath());
        out.put("rawQuery", s.rawQuery());
        out.put("headers", s.headers());
        out.put("body", new String(s.body(), java.nio.charset.StandardCharsets.UTF_8));
        byte[] bytes = Json.write(out).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
