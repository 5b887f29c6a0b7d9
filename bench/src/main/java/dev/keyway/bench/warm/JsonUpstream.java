package dev.keyway.bench.warm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * The provider of {@code bin/bench proxy}: the JDK's HTTP server on 127.0.0.1, answering every
 * request with the same small JSON body. It runs on the server's own dispatcher thread (no
 * executor), which is enough for one client at a time and adds no hand-off.
 */
public final class JsonUpstream implements AutoCloseable {
    static final String BODY = "{\"id\":42,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"active\":true}";
    private static final byte[] BYTES = BODY.getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final LongAdder requests = new LongAdder();

    public JsonUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the upstream", e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                requests.increment();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BYTES.length);
                exchange.getResponseBody().write(BYTES);
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long requests() {
        return requests.sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
