package dev.keyway.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Toxiproxy cannot do: answer a DynamoDB call with DynamoDB's own throttling error. A
 * pass-through HTTP server in front of the local AWS endpoint that, while armed, answers the
 * next DynamoDB requests ({@code X-Amz-Target: DynamoDB_20120810.*}) with the body DynamoDB
 * sends when throttling, and passes everything else (and everything once disarmed) through.
 */
final class ThrottlingEndpoint implements AutoCloseable {
    /** The two throttling errors DynamoDB answers, as the SDK's JSON protocol reads them (HTTP 400, {@code __type}). */
    enum Error {
        PROVISIONED_THROUGHPUT_EXCEEDED("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded."),
        THROTTLING("com.amazon.coral.availability#ThrottlingException", "Rate of requests exceeds the allowed throughput.");

        final String type;
        final String message;

        Error(String type, String message) {
            this.type = type;
            this.message = message;
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Error error = Error.PROVISIONED_THROUGHPUT_EXCEEDED;

    ThrottlingEndpoint(URI upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code requests} DynamoDB requests are throttled with {@code error} ({@link Integer#MAX_VALUE}: all of them). */
    void throttle(Error error, int requests) {
        this.error = error;
        remaining.set(requests);
    }

    void stop() {
        remaining.set(0);
    }

    /** How many requests were answered with a throttling error since the last call. */
    int takeThrottledCount() {
        return throttled.getAndSet(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.startsWith("DynamoDB_20120810.") && remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                throttled.incrementAndGet();
                byte[] answer = ("{\"__type\":\"" + error.type + "\",\"message\":\"" + error.message + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.getResponseHeaders().add("x-amzn-RequestId", "throttled-" + throttled.get());
                exchange.sendResponseHeaders(400, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            forward(exchange, body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
