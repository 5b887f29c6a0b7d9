package dev.keyway.upstream;

import dev.keyway.core.KeywayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * One HTTP exchange with a provider, on the JDK's HTTP client (no Netty, no Apache): the
 * credential injected, the URL held to the connector's origin, the host checked, redirects
 * never followed (a 3xx goes back as it came, its {@code Location} untouched), a deadline on
 * the whole exchange, the response size bounded and every stored secret redacted from it.
 *
 * <p><b>DNS rebinding.</b> The host is resolved and every address checked right before the
 * call; the client then resolves the same name itself, a moment later, and that lookup is
 * answered from the JVM's address cache (positive entries live 30 s by default and the JVM
 * ignores the DNS TTL), so it connects to an address that was checked. The one gap is the
 * cache entry expiring in the microseconds between the two lookups; to close it the name is
 * resolved and checked once more after the exchange (the entry the client used is still
 * cached: the exchange is shorter than its lifetime) and the response is discarded if the name
 * now maps to a refused address. Why not connect to the checked IP literal: the JDK client
 * forbids setting {@code Host}, derives TLS SNI and HTTP/2 {@code :authority} from the URI and
 * checks the certificate against it, so pinning that way would break virtual hosting and TLS.
 * Without {@code allowPrivateNetwork} the scheme is always https as well, so a rebound name
 * would also have to present a valid certificate for itself from inside the private network.
 */
@Singleton
public class UpstreamClient {
    /** Decompressed, before encoding; the Lambda response (6 MB) must still hold it. */
    public static final int MAX_RESPONSE_BYTES = 5_632 * 1024;
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String USER_AGENT = "Keyway";

    /** Connect and whole-exchange deadlines; the exchange deadline stays under the Lambda timeout (30 s). */
    public record Timeouts(Duration connect, Duration total) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(25));
        /** A verification call during an import: the caller waits for it, possibly a hundred times. */
        public static final Duration VERIFY = Duration.ofSeconds(10);
    }

    private final CompletableFuture<HttpClient> http;
    private final Timeouts timeouts;

    @Inject
    public UpstreamClient() {
        this(Timeouts.DEFAULT);
    }

    public UpstreamClient(Timeouts timeouts) {
        this.timeouts = timeouts;
        // Built once per container, during init (so a SnapStart snapshot has it) but on a thread of
        // its own: its TLS set-up (~50 ms cold) overlaps the AWS clients' (bin/bench coldstart). It
        // opens no connection until the first call, so a snapshot holds no socket or TLS session.
        this.http = CompletableFuture.supplyAsync(() -> builder(timeouts).build(),
                task -> Thread.ofPlatform().daemon().name("keyway-upstream-client").start(task));
    }

    private HttpClient http() {
        return http.join();
    }

    private static HttpClient.Builder builder(Timeouts timeouts) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeouts.connect())
                .version(HttpClient.Version.HTTP_1_1)
                // Direct connections only: the host guard checks the address actually connected to.
                .proxy(HttpClient.Builder.NO_PROXY);
    }

    /**
     * Sends {@code request} to the provider as the linked account.
     *
     * @throws KeywayException 400 {@code invalid_proxy_path} / {@code upstream_address_refused} /
     *     {@code invalid_header}, 405 {@code method_not_allowed}, 409 {@code invalid_base_url},
     *     502 {@code upstream_unreachable} / {@code upstream_response_too_large} /
     *     {@code upstream_encoding_unsupported} / {@code upstream_response_contains_secret},
     *     504 {@code upstream_timeout}
     */
    public UpstreamResponse exchange(UpstreamTarget target, UpstreamRequest request, UpstreamCredential credential,
                                     Map<String, String> defaultHeaders) {
        return exchange(target, request, credential, defaultHeaders, timeouts.total());
    }

    /**
     * One call to the provider's verification endpoint with these credentials. A misconfigured
     * target (bad base URL, refused address, bad path) still throws; everything that says nothing
     * about the credentials (no answer, 5xx, 404…) is {@code UNAVAILABLE}.
     *
     * @param pathAndQuery relative to the base URL, e.g. {@code /user} or {@code v1/me?fields=id}
     * @param body         sent as JSON when not null
     */
    public VerifyResult verify(String baseUrl, boolean allowPrivateNetwork, UpstreamCredential credential,
                               Map<String, String> defaultHeaders, String method, String pathAndQuery, String body) {
        String relative = pathAndQuery == null ? "" : pathAndQuery.replaceFirst("^/+", "");
        int q = relative.indexOf('?');
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Accept", "application/json"));
        if (body != null) {
            headers.add(new Header("Content-Type", "application/json"));
        }
        UpstreamRequest request = new UpstreamRequest(method == null ? "GET" : method.toUpperCase(Locale.ROOT),
                q < 0 ? relative : relative.substring(0, q), q < 0 ? "" : relative.substring(q + 1), headers,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            UpstreamResponse response = exchange(UpstreamTarget.of(baseUrl, allowPrivateNetwork), request, credential,
                    defaultHeaders, Timeouts.VERIFY.compareTo(timeouts.total()) < 0 ? Timeouts.VERIFY : timeouts.total());
            return VerifyResult.of(response.status());
        } catch (KeywayException e) {
            if (e.status() >= 500) {
                return new VerifyResult(VerifyResult.Verdict.UNAVAILABLE, 0);
            }
            throw e;
        }
    }

    private UpstreamResponse exchange(UpstreamTarget target, UpstreamRequest request, UpstreamCredential credential,
                                      Map<String, String> defaultHeaders, Duration deadline) {
        String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new KeywayException(405, "method_not_allowed", "the proxy forwards " + METHODS.stream().sorted().toList());
        }
        CredentialInjector.Injected injected = CredentialInjector.apply(credential,
                HeaderPolicy.outgoing(request.headers(), defaultHeaders), request.rawQuery());
        URI uri = target.resolve(request.rawPath(), injected.rawQuery());
        if (!target.allowPrivateNetwork()) {
            HostGuard.check(target.host());
        }
        HttpRequest httpRequest = build(uri, method, injected.headers(), request.body(), deadline);
        HttpResponse<byte[]> response;
        if (credential.secret() instanceof UpstreamCredential.Secret.ClientCertificate cert) {
            // A client of its own for this call: the JDK client takes its TLS context at build time.
            try (HttpClient mtls = builder(timeouts).sslContext(ClientTls.context(cert)).build()) {
                response = send(mtls, httpRequest, deadline);
            }
        } else {
            response = send(http(), httpRequest, deadline);
        }
        if (!target.allowPrivateNetwork()) {
            recheck(target.host());
        }
        return safeResponse(response, Redactor.of(credential));
    }

    private static HttpRequest build(URI uri, String method, List<Header> headers, byte[] body, Duration deadline) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean userAgent = false;
        for (Header h : headers) {
            try {
                builder.header(h.name(), h.value());
            } catch (IllegalArgumentException e) {
                // The name is the caller's own and safe to name; the value is never echoed.
                throw new KeywayException(400, "invalid_header", "header '" + printable(h.name())
                        + "' cannot be forwarded: invalid name or value");
            }
            userAgent |= h.is("user-agent");
        }
        if (!userAgent) {
            builder.header("User-Agent", USER_AGENT);
        }
        return builder.build();
    }

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration deadline) {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> limited(info));
        try {
            // The request timeout ends when headers arrive; this deadline also bounds the body.
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw unreachable(e);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof TooLarge) {
                    throw tooLarge();
                }
                if (t instanceof HttpTimeoutException) {
                    throw timeout();
                }
                if (t instanceof javax.net.ssl.SSLException) {
                    throw tlsFailed();
                }
            }
            throw unreachable(e.getCause());
        }
    }

    /** See the class comment: the answer only counts if the name still maps to allowed addresses. */
    private static void recheck(String host) {
        try {
            HostGuard.check(host);
        } catch (KeywayException e) {
            if (e.status() == 400) {
                throw e;
            }
            // No longer resolving says nothing about the address already used.
        }
    }

    private static UpstreamResponse safeResponse(HttpResponse<byte[]> response, Redactor redactor) {
        List<Header> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
        byte[] body = response.body() == null ? new byte[0] : response.body();

        Optional<String> encoding = first(headers, "content-encoding").map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (encoding.isPresent() && !encoding.get().isEmpty() && !encoding.get().equals("identity")) {
            // We never ask for compression (Accept-Encoding is not forwarded); a provider that
            // compresses anyway is inflated here so redaction sees the content.
            body = inflate(encoding.get(), body);
            headers.removeIf(h -> h.is("content-encoding"));
        }

        boolean redacted = false;
        List<Header> returned = new ArrayList<>();
        for (Header h : HeaderPolicy.returned(headers)) {
            if (!redactor.redact(h.name()).equals(h.name())) {
                redacted = true; // a secret in a header name: drop the header
                continue;
            }
            String value = redactor.redact(h.value());
            redacted |= !value.equals(h.value());
            returned.add(new Header(h.name(), value));
        }

        String contentType = first(headers, "content-type").orElse(null);
        boolean text = ContentTypes.isText(contentType, body);
        Optional<Charset> wide = text ? ContentTypes.wideCharset(contentType) : Optional.empty();
        Redactor.Result result = wide.isPresent() ? redactor.redact(body, wide.get()) : redactor.redact(body);
        if (result.changed() && !text) {
            // Replacing bytes inside an image, a PDF or an archive corrupts it; a binary body that
            // carries a stored credential verbatim is not passed on at all.
            throw new KeywayException(502, "upstream_response_contains_secret", "the provider's response is binary"
                    + " and contains a stored credential, which cannot be redacted without corrupting it");
        }
        return new UpstreamResponse(response.statusCode(), returned, result.body(), redacted || result.changed());
    }

    private static byte[] inflate(String encoding, byte[] body) {
        try (InputStream in = switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new java.io.ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new java.io.ByteArrayInputStream(body), new Inflater(!zlib(body)));
            default -> throw new KeywayException(502, "upstream_encoding_unsupported", "the provider answered with"
                    + " Content-Encoding '" + printable(encoding) + "', which the proxy cannot inspect for secrets");
        }) {
            // Bounded: a small compressed body must not inflate past the response limit.
            byte[] out = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (out.length > MAX_RESPONSE_BYTES) {
                throw tooLarge();
            }
            return out;
        } catch (IOException e) {
            throw new KeywayException(502, "upstream_unreachable", "the provider's compressed response is corrupt");
        }
    }

    /** "deflate" is zlib-wrapped by the spec, raw by some servers. */
    private static boolean zlib(byte[] body) {
        return body.length >= 2 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
    }

    private static Optional<String> first(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst();
    }

    private static String printable(String s) {
        String cleaned = s.replaceAll("[^\\x21-\\x7e]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }

    private static KeywayException timeout() {
        return new KeywayException(504, "upstream_timeout", "the provider did not answer in time");
    }

    private static KeywayException tlsFailed() {
        return new KeywayException(502, "upstream_tls_failed", "the TLS handshake with the provider failed: it did"
                + " not accept the client certificate, or its own certificate is not trusted");
    }

    private static KeywayException tooLarge() {
        return new KeywayException(502, "upstream_response_too_large",
                "the provider's response is larger than " + MAX_RESPONSE_BYTES + " bytes, more than a Lambda response can hold");
    }

    private static KeywayException unreachable(Throwable cause) {
        // The cause's class only: its message may name the URL, whose query can hold a credential.
        return new KeywayException(502, "upstream_unreachable", "could not reach the provider ("
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")");
    }

    /** Reads the body into memory, refusing more than {@link #MAX_RESPONSE_BYTES}. */
    private static HttpResponse.BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        return new LimitedBody(declared > MAX_RESPONSE_BYTES);
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("response too large");
        }
    }

    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final boolean refuseAtOnce;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(boolean refuseAtOnce) {
            this.refuseAtOnce = refuseAtOnce;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refuseAtOnce) {
                s.cancel();
                result.completeExceptionally(new TooLarge());
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : items) {
                if (out.size() + buffer.remaining() > MAX_RESPONSE_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
