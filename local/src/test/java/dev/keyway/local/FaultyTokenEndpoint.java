package dev.keyway.local;

import com.sun.net.httpserver.HttpExchange;
import dev.keyway.testing.EchoUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failure injection in front of a real authorization server's token endpoint: passes requests
 * through, or answers with a fault (500, an HTML page, invalid_grant). It records every token
 * request, so a test can tell whether one was made at all.
 */
final class FaultyTokenEndpoint implements AutoCloseable {
    enum Fault { NONE, SERVER_ERROR, HTML, INVALID_GRANT }

    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final EchoUpstream server;
    private final HttpClient http = HttpClient.newHttpClient();

    FaultyTokenEndpoint(String realTokenUrl) {
        server = new EchoUpstream(Map.of("/token", exchange -> answer(exchange, realTokenUrl)));
    }

    String tokenUrl() {
        return server.baseUrl() + "/token";
    }

    void inject(Fault next) {
        fault.set(next);
    }

    /** The form bodies of the token requests seen so far. */
    List<String> requests() {
        return server.seen.stream().map(s -> new String(s.body(), StandardCharsets.UTF_8)).toList();
    }

    List<EchoUpstream.Seen> seen() {
        return server.seen;
    }

    private void answer(HttpExchange exchange, String realTokenUrl) throws IOException {
        EchoUpstream.Seen request = server.last();
        switch (fault.get()) {
            case SERVER_ERROR -> send(exchange, 500, "application/json", "{\"message\":\"upstream exploded\"}");
            case HTML -> send(exchange, 200, "text/html", "<html><body><h1>Maintenance</h1></body></html>");
            case INVALID_GRANT -> send(exchange, 400, "application/json",
                    "{\"error\":\"invalid_grant\",\"error_description\":\"code already used\"}");
            case NONE -> forward(exchange, realTokenUrl, request);
        }
    }

    private void forward(HttpExchange exchange, String realTokenUrl, EchoUpstream.Seen request) throws IOException {
        var builder = HttpRequest.newBuilder(URI.create(realTokenUrl))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .header("Content-Type", request.header("Content-Type"));
        if (request.header("Authorization") != null) {
            builder.header("Authorization", request.header("Authorization"));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            send(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.close();
    }
}
