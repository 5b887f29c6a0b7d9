package dev.keyway.bench.warm;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.keyway.functions.proxy.ProxyHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * {@code bin/bench proxy}: what the proxy adds to a call. The same small GET to a JDK HTTP server
 * on 127.0.0.1, (a) straight from {@code java.net.http.HttpClient} and (b) through the real
 * {@link ProxyHandler} (one instance from its no-arg constructor, invoked in-process with the
 * API Gateway event of {@code ANY /v1/proxy/{linkedAccountId}/{path+}}), interleaved with (c) a
 * bare consistent {@code GetItem} of the linked account's item, the one DynamoDB read (b) makes.
 * The added latency excluding that read is {@code p50(b) - p50(a) - p50(c)}. See docs/performance.md.
 */
public final class ProxyBench {
    /** The project's target (docs/performance.md): added latency at the median, excluding the DynamoDB read. */
    static final double TARGET_ADDED_MS = 1.5;
    static final String PATH = "v1/users/42";
    static final String QUERY = "fields=id,name";

    static final String FIRST = "first proxy call";
    static final String WARMUP = "warm-up";
    static final String DIRECT = "direct";
    static final String PROXY = "proxy";
    static final String BARE = "bare GetItem";

    private final WarmOptions options;
    private final WarmFixture fixture;
    private final PrintStream out;

    private ProxyBench(WarmOptions options, WarmFixture fixture) {
        this.options = options;
        this.fixture = fixture;
        this.out = fixture.out;
    }

    public static void main(String[] args) {
        WarmOptions options;
        try {
            options = WarmOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/bench proxy: " + e.getMessage());
            System.err.println(WarmOptions.usage("proxy"));
            System.exit(2);
            return;
        }
        int status = 0;
        try (WarmFixture fixture = WarmFixture.start("proxy",
                "Keyway warm proxy: ProxyHandler vs calling the upstream directly, with a bare GetItem, interleaved, one JVM");
             JsonUpstream upstream = new JsonUpstream()) {
            new ProxyBench(options, fixture).run(upstream);
        } catch (RuntimeException e) {
            System.err.println("\nbin/bench proxy: FAILED: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private void run(JsonUpstream upstream) {
        String baseUrl = upstream.baseUri() + "/api";
        WarmFixture.Account account = fixture.seed(baseUrl);
        out.printf("data      local-mode app %s, custom connector %s -> %s (API key in a header), imported linked account %s%n",
                account.appId(), WarmFixture.CONNECTOR, baseUrl, account.linkedAccountId());
        out.printf("call      GET /v1/proxy/%s/%s?%s  vs  GET %s/%s?%s%n", account.linkedAccountId(), PATH, QUERY,
                baseUrl, PATH, QUERY);

        ProxyHandler handler = AwsCalls.during("init", ProxyHandler::new);
        // (a): a client set up as the proxy's own UpstreamClient sets up its client, the request
        // with the headers the proxy sends (the caller's Accept, the injected key, Keyway's User-Agent).
        HttpClient direct = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
        HttpRequest directRequest = HttpRequest.newBuilder(URI.create(baseUrl + "/" + PATH + "?" + QUERY))
                .timeout(Duration.ofSeconds(25))
                .header("Accept", "application/json")
                .header(WarmFixture.API_KEY_HEADER, account.apiKey())
                .header("User-Agent", "Keyway")
                .GET()
                .build();
        GetItemRequest get = fixture.accountItem(account.linkedAccountId());

        long firstCall = System.nanoTime();
        checkProxied(AwsCalls.during(FIRST, () -> handler.handleRequest(event(account), null)));
        out.printf("prepare   first proxy call (not timed), then %d untimed iterations%n", options.warmup());
        for (int i = 0; i < options.warmup(); i++) {
            checkDirect(send(direct, directRequest));
            APIGatewayV2HTTPEvent event = event(account);
            checkProxied(AwsCalls.during(WARMUP, () -> handler.handleRequest(event, null)));
            AwsCalls.during(WARMUP, () -> fixture.getItem(get));
        }

        int n = options.iterations();
        Series directSeries = new Series(DIRECT, n);
        Series proxySeries = new Series(PROXY, n);
        Series bareSeries = new Series(BARE, n);
        out.printf("measure   %d iterations: one direct call, one proxied call and one bare GetItem each, "
                + "the order rotated every iteration%n", n);
        long upstreamBefore = upstream.requests();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            // A fresh event each time, as each invocation gets its own; built outside the clock.
            APIGatewayV2HTTPEvent event = event(account);
            // Who goes first rotates, so a drift in the machine favours none of the three.
            for (int k = 0; k < 3; k++) {
                switch ((i + k) % 3) {
                    case 0 -> checkDirect(directSeries.time(i, () -> send(direct, directRequest)));
                    case 1 -> checkProxied(proxySeries.time(i, () -> handler.handleRequest(event, null)));
                    default -> bareSeries.time(i, () -> fixture.getItem(get));
                }
            }
        }
        long end = System.nanoTime();
        double seconds = (end - started) / 1e9;
        Duration sinceFirstCall = Duration.ofNanos(end - firstCall);
        long upstreamRequests = upstream.requests() - upstreamBefore;
        if (upstreamRequests != 2L * n) {
            throw new BenchFailed("the upstream saw " + upstreamRequests + " requests in the timed loop, not " + 2 * n);
        }
        Series.writeCsv(fixture.work.resolve("samples.csv"), List.of(directSeries, proxySeries, bareSeries));
        report(directSeries, proxySeries, bareSeries, seconds, upstreamRequests, sinceFirstCall);
    }

    /** The event API Gateway would hand the proxy function once the authorizer let the app's key in. */
    static APIGatewayV2HTTPEvent event(WarmFixture.Account account) {
        String rawPath = "/v1/proxy/" + account.linkedAccountId() + "/" + PATH;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("authorization", "Bearer sk_test_the_apps_own_key_never_forwarded");
        headers.put("host", "api.keyway.example");
        headers.put("user-agent", "bench");
        headers.put("x-forwarded-for", "203.0.113.7");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("ANY /v1/proxy/{linkedAccountId}/{path+}")
                .withRawPath(rawPath)
                .withRawQueryString(QUERY)
                .withHeaders(headers)
                .withPathParameters(Map.of("linkedAccountId", account.linkedAccountId(), "path", PATH))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("bench")
                        .withRouteKey("ANY /v1/proxy/{linkedAccountId}/{path+}")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(rawPath)
                                .withProtocol("HTTP/1.1").withSourceIp("203.0.113.7").withUserAgent("bench").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("appId", account.appId(), "keyId", "key_bench")).build())
                        .build())
                .build();
    }

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("the direct call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailed("interrupted", e);
        }
    }

    private static void checkDirect(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200
                || !Arrays.equals(response.body(), JsonUpstream.BODY.getBytes(StandardCharsets.UTF_8))) {
            throw new BenchFailed("the direct call answered " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static void checkProxied(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 200 || !JsonUpstream.BODY.equals(response.getBody())) {
            throw new BenchFailed("the proxy answered " + response.getStatusCode() + " " + response.getBody());
        }
    }

    private void report(Series direct, Series proxy, Series bare, double seconds, long upstreamRequests,
                        Duration sinceFirstCall) {
        out.println();
        Series.tableHeader(out);
        direct.tableRow(out, "(a) direct: HttpClient -> upstream");
        proxy.tableRow(out, "(b) ProxyHandler -> upstream (+ DynamoDB)");
        bare.tableRow(out, "(c) bare GetItem (the account's item)");
        double a = direct.percentiles().p50();
        double b = proxy.percentiles().p50();
        double c = bare.percentiles().p50();
        double added = b - a - c;
        out.println();
        out.printf(Locale.ROOT, "added latency, excluding the DynamoDB read   p50(b) - p50(a) - p50(c) = %.3f - %.3f - %.3f "
                + "= %.3f ms   target <= %.1f ms: %s%n", b, a, c, added, TARGET_ADDED_MS, added <= TARGET_ADDED_MS ? "met" : "MISSED");
        out.printf(Locale.ROOT, "added latency, DynamoDB read included        p50(b) - p50(a) = %.3f ms%n", b - a);
        double[] da = direct.millis();
        double[] db = proxy.millis();
        double[] dc = bare.millis();
        double[] paired = new double[da.length];
        for (int i = 0; i < paired.length; i++) {
            paired[i] = db[i] - da[i] - dc[i];
        }
        out.printf(Locale.ROOT, "for the record, per iteration                median of (b - a - c) = %.3f ms%n",
                Percentiles.of(paired).p50());

        Map<String, Long> proxyCalls = AwsCalls.counts(PROXY);
        out.printf(Locale.ROOT, "AWS requests per warm proxy call             %.3f (iterations by requests sent: %s)%n",
                proxy.meanCalls(), ResolveBench.histogram(proxy));
        out.printf("  one GetItem of the account, like a warm resolve: %s%n", CallVerdict.of(proxyCalls, proxy.size(), sinceFirstCall).text());
        out.printf("  timed proxy calls sent                     %s%n", proxyCalls);
        out.printf("  timed bare GetItems sent                   %s%n", AwsCalls.counts(BARE));
        out.printf("  timed direct calls sent                    %s%n", AwsCalls.counts(DIRECT));
        out.printf("  first proxy call of the new handler        %s%n", AwsCalls.counts(FIRST));
        out.printf("upstream requests in the timed loop          %d (one direct, one proxied per iteration)%n",
                upstreamRequests);
        out.println();
        out.printf(Locale.ROOT, "timed loop took %.1f s; samples in %s; the handler's log lines in %s%n", seconds,
                fixture.root.relativize(fixture.work.resolve("samples.csv")), fixture.root.relativize(fixture.stdoutLog()));
        out.println("times: wall clock around HttpClient.send, around ProxyHandler.handleRequest (no Lambda runtime, "
                + "no API Gateway, no JSON of the event or the answer) and around DynamoDbClient.getItem.");
        if (bare.callsHistogram().size() != 1 || !bare.callsHistogram().containsKey(1)) {
            throw new BenchFailed("the counter saw " + ResolveBench.histogram(bare) + " requests per bare GetItem, "
                    + "not one each: the request counts above cannot be trusted");
        }
    }
}
