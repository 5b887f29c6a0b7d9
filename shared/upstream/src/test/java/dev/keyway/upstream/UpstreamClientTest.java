package dev.keyway.upstream;

import dev.keyway.testing.EchoUpstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import dev.keyway.upstream.UpstreamCredential.Location;
import dev.keyway.upstream.UpstreamCredential.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on 127.0.0.1 (a private-network target, as local mode allows). */
class UpstreamClientTest {
    private static final String KEY = "key-marker-" + java.util.UUID.randomUUID();
    private static final UpstreamCredential API_KEY =
            new UpstreamCredential(Location.HEADER, "X-API-Key", "Token ", new Secret.Token(KEY), Set.of());
    private static final byte[] BINARY = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, 1, 2, 3, (byte) 0x80};

    private static EchoUpstream upstream;
    private static UpstreamClient client;
    private static UpstreamTarget target;

    @BeforeAll
    static void start() {
        upstream = new EchoUpstream(Map.of(
                "/redirect", ex -> {
                    ex.getResponseHeaders().add("Location", "https://evil.example/steal");
                    ex.sendResponseHeaders(302, -1);
                },
                "/slow", ex -> {
                    sleep(3_000);
                    ex.sendResponseHeaders(200, -1);
                },
                "/huge", ex -> {
                    ex.getResponseHeaders().add("Content-Type", "text/plain");
                    ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < UpstreamClient.MAX_RESPONSE_BYTES / chunk.length + 2; i++) {
                        ex.getResponseBody().write(chunk);
                    }
                },
                "/gzip", ex -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (var gz = new GZIPOutputStream(bytes)) {
                        gz.write(("{\"key\":\"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8));
                    }
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                    ex.getResponseHeaders().add("Content-Encoding", "gzip");
                    ex.sendResponseHeaders(200, bytes.size());
                    ex.getResponseBody().write(bytes.toByteArray());
                },
                "/secret-binary", ex -> send(ex, "application/octet-stream", ("\u0000\u0001" + KEY).getBytes(StandardCharsets.ISO_8859_1)),
                "/binary", ex -> send(ex, "image/png", BINARY),
                "/cookie", ex -> {
                    ex.getResponseHeaders().add("Set-Cookie", "session=abc");
                    ex.getResponseHeaders().add("X-Echo-Key", KEY);
                    ex.getResponseHeaders().add("Connection", "X-Hop");
                    ex.getResponseHeaders().add("X-Hop", "1");
                    ex.sendResponseHeaders(204, -1);
                },
                "/status/", ex -> ex.sendResponseHeaders(Integer.parseInt(ex.getRequestURI().getPath().substring(8)), -1)));
        client = new UpstreamClient(new UpstreamClient.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        target = UpstreamTarget.of(upstream.baseUrl(), true);
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, String type, byte[] body) throws java.io.IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static UpstreamRequest get(String path, List<Header> headers) {
        return new UpstreamRequest("GET", path, "", headers, null);
    }

    private static KeywayException failure(Runnable call) {
        try {
            call.run();
        } catch (KeywayException e) {
            return e;
        }
        throw new AssertionError("expected a KeywayException");
    }

    private static void assertCode(Runnable call, int status, String code) {
        KeywayException e = failure(call);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void exchange_injectsTheCredential_forwardsSafeHeaders_andRedactsTheEcho() {
        var response = client.exchange(target, new UpstreamRequest("POST", "echo/items", "a=1&b=%20x",
                List.of(new Header("Authorization", "Bearer sk_live_app_key"), new Header("Accept", "application/json"),
                        new Header("Content-Type", "application/json"), new Header("X-Custom", "yes"),
                        new Header("Cookie", "s=1"), new Header("X-Forwarded-For", "1.2.3.4"),
                        new Header("X-Amzn-Trace-Id", "Root=1"), new Header("Connection", "X-Drop-Me"),
                        new Header("X-Drop-Me", "1"), new Header("Accept-Encoding", "gzip")),
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8)), API_KEY, Map.of("X-Api-Version", "2024-01-01", "Accept", "text/plain"));

        var seen = upstream.last();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.rawPath()).isEqualTo("/echo/items");
        assertThat(seen.rawQuery()).isEqualTo("a=1&b=%20x");
        assertThat(seen.header("X-API-Key")).isEqualTo("Token " + KEY);
        assertThat(seen.header("Authorization")).isNull();
        assertThat(seen.header("Accept")).isEqualTo("application/json");
        assertThat(seen.header("X-Api-Version")).isEqualTo("2024-01-01");
        assertThat(seen.header("X-Custom")).isEqualTo("yes");
        for (String dropped : List.of("Cookie", "X-Forwarded-For", "X-Amzn-Trace-Id", "X-Drop-Me", "Accept-Encoding")) {
            assertThat(seen.header(dropped)).as(dropped).isNull();
        }
        assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");

        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).isEqualTo(200);
        assertThat(body).doesNotContain(KEY).contains("Token [REDACTED]");
        assertThat(response.redacted()).isTrue();
        assertThat(response.utf8Text()).isTrue();
    }

    @Test
    void exchange_binaryRequestBody_arrivesByteForByte() {
        client.exchange(target, new UpstreamRequest("PUT", "echo/upload", "",
                List.of(new Header("Content-Type", "application/octet-stream")), BINARY), API_KEY, Map.of());

        assertThat(upstream.last().body()).isEqualTo(BINARY);
    }

    @Test
    void exchange_queryCredential_replacesTheCallersParameter() {
        var credential = new UpstreamCredential(Location.QUERY, "api_key", "", new Secret.Token(KEY), Set.of());
        client.exchange(target, new UpstreamRequest("GET", "echo", "api_key=mine&x=1", List.of(), null), credential, Map.of());

        assertThat(upstream.last().rawQuery()).isEqualTo("x=1&api_key=" + KEY);
    }

    @Test
    void redirect_isReturnedAsIs_neverFollowed() {
        int before = upstream.seen.size();
        var response = client.exchange(target, get("redirect", List.of()), API_KEY, Map.of());

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).contains("https://evil.example/steal");
        assertThat(upstream.seen).hasSize(before + 1);
    }

    @Test
    void slowUpstream_is504() {
        assertCode(() -> client.exchange(target, get("slow", List.of()), API_KEY, Map.of()), 504, "upstream_timeout");
    }

    @Test
    void oversizeResponse_is502() {
        assertCode(() -> client.exchange(target, get("huge", List.of()), API_KEY, Map.of()), 502, "upstream_response_too_large");
    }

    @Test
    void nothingListening_is502() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var closed = UpstreamTarget.of("http://127.0.0.1:" + port, true);
        assertCode(() -> client.exchange(closed, get("x", List.of()), API_KEY, Map.of()), 502, "upstream_unreachable");
    }

    @Test
    void gzipResponse_isInflatedAndRedacted() {
        var response = client.exchange(target, get("gzip", List.of()), API_KEY, Map.of());

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"key\":\"[REDACTED]\"}");
        assertThat(response.header("content-encoding")).isEmpty();
    }

    @Test
    void binaryResponse_withoutSecret_isUntouched_andWithSecret_isRefused() {
        var response = client.exchange(target, get("binary", List.of()), API_KEY, Map.of());
        assertThat(response.body()).isEqualTo(BINARY);
        assertThat(response.utf8Text()).isFalse();

        assertCode(() -> client.exchange(target, get("secret-binary", List.of()), API_KEY, Map.of()),
                502, "upstream_response_contains_secret");
    }

    @Test
    void responseHeaders_areRedacted_andCookiesAndHopByHopDropped() {
        var response = client.exchange(target, get("cookie", List.of()), API_KEY, Map.of());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("x-echo-key")).contains("[REDACTED]");
        assertThat(response.header("set-cookie")).isEmpty();
        assertThat(response.header("x-hop")).isEmpty();
        assertThat(response.header("connection")).isEmpty();
    }

    @Test
    void unsupportedMethod_is405() {
        assertCode(() -> client.exchange(target, new UpstreamRequest("TRACE", "echo", "", List.of(), null), API_KEY, Map.of()),
                405, "method_not_allowed");
    }

    @Test
    void hostResolvingToLoopback_isRefusedBeforeAnyConnection_whenPrivateNetworkIsNotAllowed() {
        int before = upstream.seen.size();
        for (String base : List.of("https://localhost:" + upstream.port(), "https://127.0.0.1:" + upstream.port(),
                "https://[::1]:" + upstream.port(), "https://[::ffff:127.0.0.1]:" + upstream.port(),
                "https://169.254.169.254", "https://10.1.2.3", "https://100.100.100.100")) {
            var guarded = UpstreamTarget.of(base, false);
            assertCode(() -> client.exchange(guarded, get("echo", List.of()), API_KEY, Map.of()), 400, "upstream_address_refused");
        }
        assertThat(upstream.seen).hasSize(before);
    }

    @Test
    void plainHttp_isRefused_whenPrivateNetworkIsNotAllowed() {
        assertCode(() -> UpstreamTarget.of(upstream.baseUrl(), false), 409, "invalid_base_url");
    }

    @Test
    void verify_mapsTheProvidersAnswer() {
        assertThat(client.verify(upstream.baseUrl(), true, API_KEY, Map.of(), "GET", "/status/200", null).verdict())
                .isEqualTo(VerifyResult.Verdict.ACCEPTED);
        assertThat(client.verify(upstream.baseUrl(), true, API_KEY, Map.of(), "GET", "/status/401", null))
                .isEqualTo(new VerifyResult(VerifyResult.Verdict.REJECTED, 401));
        assertThat(client.verify(upstream.baseUrl(), true, API_KEY, Map.of(), "GET", "status/403?x=1", null).verdict())
                .isEqualTo(VerifyResult.Verdict.REJECTED);
        assertThat(client.verify(upstream.baseUrl(), true, API_KEY, Map.of(), "GET", "/status/500", null).verdict())
                .isEqualTo(VerifyResult.Verdict.UNAVAILABLE);
        assertThat(client.verify(upstream.baseUrl(), true, API_KEY, Map.of(), "GET", "/slow", null))
                .isEqualTo(new VerifyResult(VerifyResult.Verdict.UNAVAILABLE, 0));
        assertThat(upstream.last().header("X-API-Key")).isEqualTo("Token " + KEY);
    }

    @Test
    void verify_postsItsBodyAsJson() {
        client.verify(upstream.baseUrl(), true, API_KEY, Map.of(), "POST", "/echo/graphql", "{\"query\":\"{ viewer { id } }\"}");

        assertThat(upstream.last().method()).isEqualTo("POST");
        assertThat(upstream.last().header("Content-Type")).isEqualTo("application/json");
        assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo("{\"query\":\"{ viewer { id } }\"}");
    }

    @Test
    void verify_refusedAddress_stillThrows() {
        assertThatThrownBy(() -> client.verify("https://169.254.169.254", false, API_KEY, Map.of(), "GET", "/", null))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.code()).isEqualTo("upstream_address_refused"));
    }
}
