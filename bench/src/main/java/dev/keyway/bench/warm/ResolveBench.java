package dev.keyway.bench.warm;

import dev.keyway.functions.resolve.ResolveHandler;
import dev.keyway.linkedaccounts.LinkedAccountRepository;
import dev.keyway.linkedaccounts.ResolveService;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * {@code bin/bench resolve}: a warm resolve through the real {@link ResolveHandler} (one
 * instance, built by its no-arg constructor as Lambda builds it, reused) against a bare
 * consistent {@code GetItem} of the same linked-account item on the same endpoint, interleaved
 * in one run; and the AWS requests each warm resolve sends. See docs/performance.md.
 */
public final class ResolveBench {
    /** The project's targets (docs/performance.md). */
    static final double TARGET_RATIO = 1.3;

    static final String FIRST = "first resolve";
    static final String WARMUP = "warm-up";
    static final String RESOLVE = "resolve";
    static final String BARE = "bare GetItem";

    private final WarmOptions options;
    private final WarmFixture fixture;
    private final PrintStream out;

    private ResolveBench(WarmOptions options, WarmFixture fixture) {
        this.options = options;
        this.fixture = fixture;
        this.out = fixture.out;
    }

    public static void main(String[] args) {
        WarmOptions options;
        try {
            options = WarmOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/bench resolve: " + e.getMessage());
            System.err.println(WarmOptions.usage("resolve"));
            System.exit(2);
            return;
        }
        int status = 0;
        try (WarmFixture fixture = WarmFixture.start("resolve",
                "Keyway warm resolve: ResolveHandler vs a bare GetItem of the same item, interleaved, one JVM")) {
            new ResolveBench(options, fixture).run();
        } catch (RuntimeException e) {
            System.err.println("\nbin/bench resolve: FAILED: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private void run() {
        WarmFixture.Account account = fixture.seed("http://127.0.0.1:9/api");
        out.printf("data      local-mode app %s, custom connector %s (API key in a header), imported linked account %s%n",
                account.appId(), WarmFixture.CONNECTOR, account.linkedAccountId());

        ResolveHandler handler = AwsCalls.during("init", ResolveHandler::new);
        ResolveService.Request request = new ResolveService.Request(account.appId(), account.linkedAccountId(), null, null);
        GetItemRequest get = fixture.accountItem(account.linkedAccountId());

        // The handler's first call fills its caches (key set, connector, the app's local-mode flag)
        // and records lastUsedAt; it is counted apart and not timed.
        long firstCall = System.nanoTime();
        check(AwsCalls.during(FIRST, () -> handler.handleRequest(request, null)), account, true);
        out.printf("prepare   first resolve (not timed), then %d untimed iterations%n", options.warmup());
        for (int i = 0; i < options.warmup(); i++) {
            check(AwsCalls.during(WARMUP, () -> handler.handleRequest(request, null)), account, false);
            AwsCalls.during(WARMUP, () -> fixture.getItem(get));
        }

        int n = options.iterations();
        Series resolve = new Series(RESOLVE, n);
        Series bare = new Series(BARE, n);
        out.printf("measure   %d iterations: one resolve and one bare GetItem each, the order swapped every iteration%n", n);
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            // Which goes first swaps every iteration, so a drift in the machine favours neither.
            if (i % 2 == 0) {
                check(resolve.time(i, () -> handler.handleRequest(request, null)), account, false);
                bare.time(i, () -> fixture.getItem(get));
            } else {
                bare.time(i, () -> fixture.getItem(get));
                check(resolve.time(i, () -> handler.handleRequest(request, null)), account, false);
            }
        }
        long end = System.nanoTime();
        double seconds = (end - started) / 1e9;
        Duration sinceFirstCall = Duration.ofNanos(end - firstCall);
        Series.writeCsv(fixture.work.resolve("samples.csv"), List.of(resolve, bare));
        report(resolve, bare, seconds, sinceFirstCall);
    }

    /** A resolve that answered an error would time an error path: the bench stops. */
    private static void check(Object result, WarmFixture.Account account, boolean strictly) {
        if (result instanceof ResolveService.Resolved resolved) {
            if (!account.linkedAccountId().equals(resolved.linkedAccountId())) {
                throw new BenchFailed("resolve answered another account: " + resolved.linkedAccountId());
            }
            if (strictly && (resolved.apply() == null || resolved.apply().value() == null
                    || !resolved.apply().value().endsWith(account.apiKey())
                    || !WarmFixture.API_KEY_HEADER.equalsIgnoreCase(resolved.apply().name()))) {
                throw new BenchFailed("resolve did not answer the imported key in header " + WarmFixture.API_KEY_HEADER
                        + ": " + resolved.apply());
            }
            return;
        }
        throw new BenchFailed("resolve answered " + result);
    }

    private void report(Series resolve, Series bare, double seconds, Duration sinceFirstCall) {
        out.println();
        Series.tableHeader(out);
        resolve.tableRow(out, "resolve (ResolveHandler.handleRequest)");
        bare.tableRow(out, "bare GetItem (same item, consistent read)");
        double ratio = resolve.percentiles().p50() / bare.percentiles().p50();
        out.println();
        out.printf(Locale.ROOT, "p50 ratio resolve / bare GetItem     %.2fx   target <= %.1fx: %s%n", ratio, TARGET_RATIO,
                ratio <= TARGET_RATIO ? "met" : "MISSED");
        out.printf(Locale.ROOT, "p50 difference resolve - GetItem     %.3f ms%n",
                resolve.percentiles().p50() - bare.percentiles().p50());
        out.printf(Locale.ROOT, "p90 and p99 ratios, for the record   %.2fx, %.2fx%n",
                resolve.percentiles().p90() / bare.percentiles().p90(),
                resolve.percentiles().p99() / bare.percentiles().p99());

        Map<String, Long> resolveCalls = AwsCalls.counts(RESOLVE);
        CallVerdict verdict = CallVerdict.of(resolveCalls, resolve.size(), sinceFirstCall);
        out.printf(Locale.ROOT, "AWS requests per warm resolve        %.3f (iterations by requests sent: %s)%n",
                resolve.meanCalls(), histogram(resolve));
        out.printf("  target 1 (one GetItem of the account, no Secrets Manager): %s%n", verdict.text());
        out.printf("  timed resolves sent                %s%n", resolveCalls);
        out.printf("  timed bare GetItems sent           %s%n", AwsCalls.counts(BARE));
        long updates = resolveCalls.entrySet().stream().filter(e -> e.getKey().contains("UpdateItem"))
                .mapToLong(Map.Entry::getValue).sum();
        out.printf("  lastUsedAt UpdateItem in the timed resolves: %d (written at most every %d min per account; "
                        + "the first resolve wrote it)%n", updates, LinkedAccountRepository.LAST_USED_GRANULARITY.toMinutes());
        out.printf("  first resolve of the new handler   %s%n", AwsCalls.counts(FIRST));
        out.printf("  warm-up, %d resolves + %d GetItems %s%n", options.warmup(), options.warmup(), AwsCalls.counts(WARMUP));
        out.printf("  handler init (constructor)         %s%n", AwsCalls.counts("init"));
        out.println();
        out.printf(Locale.ROOT, "timed loop took %.1f s; samples in %s; the handler's log lines in %s%n", seconds,
                fixture.root.relativize(fixture.work.resolve("samples.csv")), fixture.root.relativize(fixture.stdoutLog()));
        out.println("times: wall clock around handleRequest (no Lambda runtime, no JSON of the event or the answer) "
                + "and around DynamoDbClient.getItem;");
        out.println("AWS requests: counted in the SDK's beforeTransmission hook (every HTTP attempt) of every client "
                + "in this JVM, by phase.");
        if (bare.callsHistogram().size() != 1 || !bare.callsHistogram().containsKey(1)) {
            throw new BenchFailed("the counter saw " + histogram(bare) + " requests per bare GetItem, not one each: "
                    + "the request counts above cannot be trusted");
        }
    }

    static String histogram(Series series) {
        StringBuilder s = new StringBuilder();
        series.callsHistogram().forEach((calls, iterations) ->
                s.append(s.isEmpty() ? "" : ", ").append(calls).append(" request").append(calls == 1 ? "" : "s")
                        .append(" x").append(iterations));
        return s.toString();
    }
}
