package dev.keyway.bench.warm;

import dev.keyway.functions.resolve.ResolveHandler;
import dev.keyway.linkedaccounts.ResolveService;
import dev.keyway.local.LocalRunner;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code bin/bench load}: resolve and proxy under concurrent load, each beside the baseline it
 * cannot do without, measured in the same run with the same concurrency and duration:
 *
 * <ul>
 *   <li>upstream: a GET straight to the local provider (JsonUpstream on 127.0.0.1);
 *   <li>proxy: the same GET through the local runner's HTTP API ({@code /v1/proxy/{id}/items},
 *       authorizer, ProxyHandler, credentials injected, response redacted);
 *   <li>getitem: the bare consistent GetItem of the linked account's item;
 *   <li>resolve: the real ResolveHandler, in this JVM (Lambda Invoke has no HTTP route).
 * </ul>
 *
 * Each phase runs {@code --seconds} after {@code --warmup} untimed seconds, with
 * {@code --concurrency} threads, loopback only. Reported: throughput, p50/p99, errors (any
 * non-2xx or failed check: must be 0), and the heap after a full GC before and after each phase
 * (memory stable: no growth across the run). See docs/performance.md.
 */
public final class LoadBench {
    private final PrintStream out;
    private final LoadOptions options;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private LoadBench(PrintStream out, LoadOptions options) {
        this.out = out;
        this.options = options;
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/bench load: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        int status = 0;
        try (WarmFixture fixture = WarmFixture.start("load", "Keyway load: resolve and proxy under concurrent load")) {
            status = new LoadBench(fixture.out, options).run(fixture) ? 0 : 1;
        } catch (BenchFailed e) {
            System.err.println("\nbin/bench load: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** One phase's outcome. */
    record Phase(String name, long calls, long errors, double seconds, Percentiles latency, long heapBefore, long heapAfter) {
        double perSecond() {
            return calls / seconds;
        }
    }

    private boolean run(WarmFixture fixture) {
        try (JsonUpstream upstream = new JsonUpstream();
             LocalRunner runner = startRunner(fixture)) {
            WarmFixture.Account account = fixture.seed(upstream.baseUri().toString());
            String key = fixture.secretKey(account.appId());
            out.printf("data      local-mode app %s, connector %s -> %s, linked account %s%n", account.appId(),
                    WarmFixture.CONNECTOR, upstream.baseUri(), account.linkedAccountId());
            out.printf("load      %d threads, %d s warm-up + %d s measured per phase, loopback only%n%n",
                    options.concurrency(), options.warmupSeconds(), options.seconds());

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest direct = HttpRequest.newBuilder(upstream.baseUri().resolve("/items")).GET().build();
            HttpRequest proxied = HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/v1/proxy/"
                    + account.linkedAccountId() + "/items")).header("authorization", "Bearer " + key).GET().build();
            var get = fixture.accountItem(account.linkedAccountId());
            ResolveHandler resolver = new ResolveHandler();
            var request = new ResolveService.Request(account.appId(), account.linkedAccountId(), null, null);

            List<Phase> phases = new ArrayList<>();
            phases.add(phase("upstream", () -> ok(http.send(direct, HttpResponse.BodyHandlers.ofString()))));
            phases.add(phase("proxy", () -> ok(http.send(proxied, HttpResponse.BodyHandlers.ofString()))));
            phases.add(phase("getitem", () -> fixture.getItem(get).hasItem()));
            phases.add(phase("resolve", () -> {
                return resolver.handleRequest(request, null) instanceof ResolveService.Resolved resolved
                        && account.linkedAccountId().equals(resolved.linkedAccountId())
                        && resolved.apply() != null && resolved.apply().value().endsWith(account.apiKey());
            }));
            return report(phases);
        }
    }

    private static LocalRunner startRunner(WarmFixture fixture) {
        try {
            return LocalRunner.start(fixture.stack(), 0);
        } catch (java.io.IOException e) {
            throw new BenchFailed("cannot start the local runner: " + e.getMessage());
        }
    }

    private static boolean ok(HttpResponse<String> response) {
        return response.statusCode() / 100 == 2;
    }

    /** Warm-up, a full GC, the measured run, a full GC: calls, errors, latencies, heap before and after. */
    private Phase phase(String name, Callable<Boolean> call) {
        out.printf("%-9s warm-up", name);
        drive(call, options.warmupSeconds(), null);
        long heapBefore = heapAfterGc();
        out.print(", measuring");
        LatencyLog log = new LatencyLog();
        long start = System.nanoTime();
        drive(call, options.seconds(), log);
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = heapAfterGc();
        out.println(", done");
        return new Phase(name, log.calls(), log.errors.sum(), seconds, Percentiles.of(Percentiles.millis(log.nanos())),
                heapBefore, heapAfter);
    }

    /** {@code concurrency} threads calling in a loop for {@code seconds}; a failure counts as an error, never stops the run. */
    private void drive(Callable<Boolean> call, int seconds, LatencyLog log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < options.concurrency(); t++) {
            threads.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                LatencyLog.Local local = log == null ? null : log.local();
                while (System.nanoTime() < deadline) {
                    long begin = System.nanoTime();
                    boolean good;
                    try {
                        good = call.call();
                    } catch (Exception e) {
                        good = false;
                    }
                    if (local != null) {
                        local.add(System.nanoTime() - begin, good);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailed("interrupted");
            }
        }
    }

    private long heapAfterGc() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private boolean report(List<Phase> phases) {
        out.println();
        String row = "%-9s %9s %8s %9s %9s %9s %16s%n";
        out.printf(row, "phase", "calls", "errors", "per s", "p50 ms", "p99 ms", "heap MiB (GC'd)");
        boolean ok = true;
        for (Phase p : phases) {
            out.printf(Locale.ROOT, row, p.name(), p.calls(), p.errors(), String.format(Locale.ROOT, "%.0f", p.perSecond()),
                    String.format(Locale.ROOT, "%.2f", p.latency().p50()), String.format(Locale.ROOT, "%.2f", p.latency().p99()),
                    String.format(Locale.ROOT, "%.0f -> %.0f", p.heapBefore() / 1048576.0, p.heapAfter() / 1048576.0));
            ok &= p.errors() == 0;
        }
        Phase upstream = phases.get(0);
        Phase proxy = phases.get(1);
        Phase get = phases.get(2);
        Phase resolve = phases.get(3);
        out.println();
        out.printf(Locale.ROOT, "proxy   vs upstream: throughput %.2fx, p50 %.2fx, p99 %.2fx%n",
                proxy.perSecond() / upstream.perSecond(), proxy.latency().p50() / upstream.latency().p50(),
                proxy.latency().p99() / upstream.latency().p99());
        // Each proxied call makes DynamoDB reads (the authorizer's key, the account) on the same endpoint:
        // against moto, which serialises requests, that, not the proxy, bounds its throughput.
        out.printf(Locale.ROOT, "proxy   vs getitem:  throughput %.2fx%n", proxy.perSecond() / get.perSecond());
        out.printf(Locale.ROOT, "resolve vs getitem:  throughput %.2fx, p50 %.2fx, p99 %.2fx%n",
                resolve.perSecond() / get.perSecond(), resolve.latency().p50() / get.latency().p50(),
                resolve.latency().p99() / get.latency().p99());
        long first = phases.get(0).heapBefore();
        long last = phases.get(phases.size() - 1).heapAfter();
        out.printf(Locale.ROOT, "heap after GC: %.0f MiB at the start, %.0f MiB at the end%n", first / 1048576.0, last / 1048576.0);
        out.println(ok ? "errors: 0" : "errors: SOME CALLS FAILED (see the errors column)");
        return ok;
    }

    /** Every measured call's latency, kept per thread and merged at the end. */
    private static final class LatencyLog {
        private final List<Local> locals = java.util.Collections.synchronizedList(new ArrayList<>());
        private final LongAdder errors = new LongAdder();

        final class Local {
            private long[] nanos = new long[1 << 14];
            private int size;

            void add(long elapsed, boolean good) {
                if (size == nanos.length) {
                    nanos = java.util.Arrays.copyOf(nanos, size * 2);
                }
                nanos[size++] = elapsed;
                if (!good) {
                    errors.increment();
                }
            }
        }

        Local local() {
            Local local = new Local();
            locals.add(local);
            return local;
        }

        long calls() {
            return locals.stream().mapToLong(l -> l.size).sum();
        }

        long[] nanos() {
            return locals.stream().flatMapToLong(l -> java.util.Arrays.stream(l.nanos, 0, l.size)).toArray();
        }
    }
}
