package dev.keyway.bench.refresh;

import dev.keyway.bench.warm.AwsCalls;
import dev.keyway.linkedaccounts.CredentialImportService;
import dev.keyway.linkedaccounts.DueIndex;
import dev.keyway.linkedaccounts.ScheduledRefresh;
import dev.keyway.linkedaccounts.TokenRefresher;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code bin/bench refresh}: how the refresh scheduler scales. The real {@link ScheduledRefresh}, built
 * from the refresh function's Dagger modules, refreshes {@code --due} accounts (default 1,000) against
 * a local token endpoint (mock-oauth2-server on 127.0.0.1), the same accounts made due again before
 * each run: first one run per {@code --concurrency} (default 1, 8, 32) while the table holds only
 * them and one not-due account; then, with the table filled to {@code --accounts} (default 100,000),
 * every one in the due index, one run as the function makes it. For each run: the items it read
 * from the index against the due count (target at most 1.1 times), and refreshes per second, with
 * the ratio to concurrency 1. Why the throughput runs use the small table: on moto every index
 * query scans the whole table, which at 100,000 accounts costs minutes per run. See
 * docs/performance.md.
 */
public final class RefreshBench {
    /** The project's target (docs/performance.md): index items read per run, per due account. */
    static final double TARGET_READ_RATIO = 1.1;
    /** Far more than any run here needs: a run that leaves accounts due stops the bench. */
    static final Duration BUDGET = Duration.ofMinutes(10);
    /** The not-due accounts are due from this long after seeding on: later than the bench lasts. */
    static final Duration FIRST_NOT_DUE = Duration.ofHours(1);
    static final Duration NOT_DUE_SPREAD = Duration.ofDays(5);
    /** Refreshes called directly before the timed runs, so the first of them does not pay for the JIT. */
    static final int WARMUP = 200;
    /** The run {@code RefreshHandler} makes: {@code run(budget)}, at ScheduledRefresh's own concurrency (8). */
    static final int DEFAULT = 0;
    private static final String ACTOR = "bench";

    /** One scheduler run: what it reports, when its first refresh began, and the AWS requests it sent. */
    record Measured(int accounts, int concurrency, ScheduledRefresh.Run run, double indexMillis,
                    Map<String, Long> requests) {
        String concurrencyLabel() {
            return concurrency == DEFAULT ? "default" : Integer.toString(concurrency);
        }

        double readRatio() {
            return (double) run.itemsRead() / run.due();
        }

        double refreshMillis() {
            return run.millis() - indexMillis;
        }

        /** Accounts refreshed per second of the run's refresh phase (after the index read). */
        double perSecond() {
            return run.refreshed() * 1000.0 / refreshMillis();
        }

        long indexQueries() {
            return requests.getOrDefault("DynamoDb Query due", 0L);
        }

        long refreshRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum() - indexQueries();
        }
    }

    private final RefreshOptions options;
    private final RefreshFixture fixture;
    private final RefreshServices services;
    private final PrintStream out;

    private RefreshBench(RefreshOptions options, RefreshFixture fixture) {
        this.options = options;
        this.fixture = fixture;
        this.services = fixture.services();
        this.out = fixture.out;
    }

    public static void main(String[] args) {
        RefreshOptions options;
        try {
            options = RefreshOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/bench refresh: " + e.getMessage());
            System.err.println(RefreshOptions.usage());
            System.exit(2);
            return;
        }
        int status = 0;
        try (RefreshFixture fixture = RefreshFixture.start(
                "Keyway refresh scheduler: index items read per due account, and refreshes per second by concurrency")) {
            new RefreshBench(options, fixture).run();
        } catch (RuntimeException e) {
            System.err.println("\nbin/bench refresh: FAILED: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private void run() {
        long benchStart = System.nanoTime();
        TokenServer tokens = fixture.tokenServer();
        String appId = services.apps().createApp("Keyway refresh bench", true, ACTOR).id();
        services.connectors().put(appId, AccountSeeder.CONNECTOR, """
                {"provider": "custom", "displayName": "Bench OAuth", "baseUrl": "%s",
                 "authMethods": [{"id": "%s", "type": "OAUTH2", "clientId": "%s", "clientSecret": "%s",
                   "scopes": ["read"], "authorizationUrl": "%s", "tokenUrl": "%s"}]}
                """.formatted(tokens.issuerUrl(), AccountSeeder.AUTH_METHOD, TokenServer.CLIENT_ID,
                TokenServer.CLIENT_SECRET, tokens.authorizationUrl(), tokens.tokenUrl()), ACTOR);
        out.printf("data      local-mode app %s, custom OAuth2 connector %s (token URL on 127.0.0.1)%n", appId,
                AccountSeeder.CONNECTOR);
        AccountSeeder seeder = new AccountSeeder(services, appId);

        // 1. The due accounts and the template: refreshes per second at each concurrency, on a small table.
        Instant seedStart = Instant.now();
        long start = System.nanoTime();
        Map<String, AttributeValue> template = seeder.importTemplate();
        List<String> due = seeder.importDue(options.due(), CredentialImportService.Outcome.created);
        out.printf(Locale.ROOT, "seed      %,d due accounts and 1 not due imported (importBatch, 100 a call) in %.1f s%n",
                options.due(), seconds(start));
        warmUp(due.subList(0, Math.min(WARMUP, due.size())));
        List<Measured> runs = new ArrayList<>();
        for (int concurrency : options.concurrencies()) {
            runs.add(measure(seeder, options.due() + 1, concurrency));
        }

        // 2. The rest of the table: every account in the due index, not due; then one run as the function runs.
        seedRest(seeder, template, seedStart);
        runs.add(measure(seeder, options.accounts(), DEFAULT));
        report(runs, seconds(benchStart));
    }

    /** Writes the not-due copies, so the table holds {@code --accounts}; times one index query at that size. */
    private void seedRest(AccountSeeder seeder, Map<String, AttributeValue> template, Instant seedStart) {
        int copies = options.notDue() - 1;
        long start = System.nanoTime();
        Map<String, Integer> partitions = seeder.writeCopies(template, copies, seedStart.plus(FIRST_NOT_DUE),
                NOT_DUE_SPREAD);
        double copySeconds = seconds(start);
        out.printf(Locale.ROOT, "seed      %,d not-due copies of the template by BatchWriteItem in %.1f s (%,.0f items/s): "
                        + "%,d linked accounts, all in the due index; all but the %,d due are due %d h to %d h after "
                        + "seeding%n", copies, copySeconds, copies / copySeconds, options.accounts(), options.due(),
                FIRST_NOT_DUE.toHours(), NOT_DUE_SPREAD.plus(FIRST_NOT_DUE).toHours());

        // One partition counted back: the copies are where the repository puts accounts. The smallest of
        // the days that only copies (and maybe the template) reach: the due accounts' days are today and tomorrow.
        String after = AccountSeeder.duePartition(LocalDate.now(ZoneOffset.UTC).plusDays(2), 0);
        var candidate = partitions.entrySet().stream().filter(p -> p.getKey().compareTo(after) >= 0)
                .min(Map.Entry.comparingByValue());
        if (candidate.isEmpty()) {
            return; // too few copies to reach two days out: nothing to count back
        }
        var smallest = candidate.get();
        long expected = smallest.getValue() + (smallest.getKey().equals(template.get("duePk").s()) ? 1 : 0);
        long countStart = System.nanoTime();
        long found = seeder.countPartition(smallest.getKey());
        out.printf(Locale.ROOT, "          due index: %,d partitions hold them; %s holds %,d, as written; that one Query "
                + "took %.1f s%n", partitions.size(), smallest.getKey(), found, seconds(countStart));
        if (found != expected) {
            throw new BenchFailed("due-index partition " + smallest.getKey() + " holds " + found + " accounts, not " + expected);
        }
    }

    /** Refreshes some due accounts through the scheduler's own refresher, untimed: the JIT and the connections. */
    private void warmUp(List<String> ids) {
        long start = System.nanoTime();
        for (String id : ids) {
            var outcome = services.refresher().refresh(id, TokenRefresher.Trigger.SCHEDULED);
            if (!(outcome instanceof TokenRefresher.Outcome.Refreshed)) {
                throw new BenchFailed("warm-up refresh of " + id + " answered " + outcome.getClass().getSimpleName()
                        + " (bench/target/refresh/stdout.log has the services' log lines)");
            }
        }
        out.printf(Locale.ROOT, "warm-up   %,d refreshes one at a time, untimed, in %.1f s%n", ids.size(), seconds(start));
    }

    /** Makes the due accounts due again (re-import), then one scheduler run ({@link #DEFAULT}: the function's own call). */
    private Measured measure(AccountSeeder seeder, int accounts, int concurrency) {
        long importStart = System.nanoTime();
        seeder.importDue(options.due(), CredentialImportService.Outcome.updated);
        Instant dueBy = Instant.now().plus(AccountSeeder.DUE_AFTER_IMPORT);
        out.printf(Locale.ROOT, "due       %,d accounts due again: re-imported (same references, updated in place) "
                + "in %.1f s%n", options.due(), seconds(importStart));
        waitUntil(dueBy);
        Map<String, Long> before = AwsCalls.counts(AwsCalls.NO_PHASE);
        ScheduledRefresh.Run run;
        double indexMillis;
        try (FirstLease lease = FirstLease.watch()) {
            long start = System.nanoTime();
            run = concurrency == DEFAULT ? services.scheduler().run(BUDGET)
                    : services.scheduler().run(BUDGET, concurrency);
            indexMillis = lease.seenAt() < 0 ? run.millis() : (lease.seenAt() - start) / 1e6;
        }
        Map<String, Long> sent = new TreeMap<>();
        AwsCalls.counts(AwsCalls.NO_PHASE).forEach((name, n) -> {
            long delta = n - before.getOrDefault(name, 0L);
            if (delta > 0) {
                sent.put(name, delta);
            }
        });
        Measured m = new Measured(accounts, concurrency, run, indexMillis, sent);
        out.printf(Locale.ROOT, "run       %,d accounts, concurrency %s: due %,d, read %,d, refreshed %,d in %,d ms "
                        + "(index read %,.0f ms, refreshes %,.0f ms)%n", accounts, m.concurrencyLabel(), run.due(),
                run.itemsRead(), run.refreshed(), run.millis(), m.indexMillis(), m.refreshMillis());
        // Every due account, and only those, read and refreshed: otherwise the figures mean something else.
        if (run.due() != options.due() || run.refreshed() != options.due() || run.failed() != 0 || run.busy() != 0
                || run.leftDue() != 0 || run.notNeeded() != 0) {
            throw new BenchFailed("concurrency " + m.concurrencyLabel() + ": expected " + options.due()
                    + " due and refreshed, got " + run + " (bench/target/refresh/stdout.log has the services' log lines)");
        }
        return m;
    }

    private void report(List<Measured> runs, double totalSeconds) {
        out.println();
        out.printf("%9s %11s %6s %10s %8s %9s %9s %13s %11s %12s %7s %15s%n", "accounts", "concurrency", "due",
                "items read", "read/due", "refreshed", "run ms", "index read ms", "refresh ms", "refreshes/s", "vs c=1",
                "AWS req/refresh");
        Measured base = runs.stream().filter(m -> m.concurrency() == 1).findFirst().orElse(null);
        for (Measured m : runs) {
            ScheduledRefresh.Run r = m.run();
            out.printf(Locale.ROOT, "%,9d %11s %,6d %,10d %8.2f %,9d %,9d %,13.0f %,11.0f %12.1f %7s %15.2f%n",
                    m.accounts(), m.concurrencyLabel(), r.due(), r.itemsRead(), m.readRatio(), r.refreshed(), r.millis(),
                    m.indexMillis(), m.refreshMillis(), m.perSecond(),
                    base == null ? "" : "%.2fx".formatted(m.perSecond() / base.perSecond()),
                    (double) m.refreshRequests() / r.refreshed());
        }
        out.println();
        Measured full = runs.getLast();
        double worst = runs.stream().mapToDouble(Measured::readRatio).max().orElseThrow();
        out.printf(Locale.ROOT, "index items read per due account   %.2f with %,d due of %,d accounts (%.2f at most in "
                        + "all runs)   target <= %.1f: %s%n", full.readRatio(), options.due(), options.accounts(), worst,
                TARGET_READ_RATIO, worst <= TARGET_READ_RATIO ? "met" : "MISSED");
        out.printf("index queries per run              %d (keys only: today and %d days back, %d shards each)%n",
                full.indexQueries(), DueIndex.LOOKBACK_DAYS, DueIndex.SHARDS);
        out.printf("AWS requests of that run           %s%n", full.requests());
        out.printf(Locale.ROOT, "refreshes per second               %s%n", String.join(", ", runs.stream()
                .map(m -> "%.1f at %s (%,d accounts)".formatted(m.perSecond(),
                        m.concurrency() == DEFAULT ? "the default concurrency" : "concurrency " + m.concurrency(),
                        m.accounts())).toList()));
        Measured busiest = runs.stream().max(Comparator.comparingDouble(Measured::perSecond)).orElseThrow();
        out.printf(Locale.ROOT, "AWS endpoint during refreshes      %.0f requests/s at best (%.1f ms of refresh phase per "
                + "request)%n", busiest.refreshRequests() * 1000.0 / busiest.refreshMillis(),
                busiest.refreshMillis() / busiest.refreshRequests());
        out.println();
        out.printf(Locale.ROOT, "whole bench %.0f s; the services' log lines in %s%n", totalSeconds,
                fixture.root.relativize(fixture.stdoutLog()));
        out.println("run ms: ScheduledRefresh.Run.millis (the index read, then every refresh); index read: until the "
                + "run's first lease went out;");
        out.println("refreshes/s: refreshed / refresh ms; AWS req/refresh: requests other than the index queries, per "
                + "account refreshed (token calls are not AWS requests).");
    }

    private static void waitUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis() + 50;
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailed("interrupted while waiting for the accounts to be due");
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
