package dev.keyway.linkedaccounts;

import dev.keyway.http.Log;
import dev.keyway.storage.KeywayTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One run of the refresh function: read what is due from the {@code due} index (today's and the
 * last {@link DueIndex#LOOKBACK_DAYS} days' shards, keys only), refresh or check each account under
 * its lease, {@link #CONCURRENCY} at a time, and stop taking work when the time budget is spent:
 * what is left stays due for the next run. One structured log line per run.
 */
@Singleton
public class ScheduledRefresh {
    static final int CONCURRENCY = 8;
    static final int PAGE = 200;

    /** What a run did; the same numbers go to the log line. */
    public record Run(int due, int refreshed, int notNeeded, int failed, int busy, int leftDue, int itemsRead,
                      long millis) {
    }

    private final KeywayTable table;
    private final TokenRefresher refresher;
    private final Clock clock;

    @Inject
    public ScheduledRefresh(KeywayTable table, TokenRefresher refresher, Clock clock) {
        this.table = table;
        this.refresher = refresher;
        this.clock = clock;
    }

    /** Runs until everything due is done or {@code budget} (real time) is spent. */
    public Run run(Duration budget) {
        return run(budget, CONCURRENCY);
    }

    /** The same with another number of refreshes at a time (the scaling benchmark varies it). */
    public Run run(Duration budget, int concurrency) {
        long started = System.nanoTime();
        long stopAt = started + budget.toNanos();
        Instant now = clock.instant();
        AtomicInteger itemsRead = new AtomicInteger();
        List<String> due = dueIds(now, itemsRead, stopAt);
        Map<String, AtomicInteger> counts = new LinkedHashMap<>();
        for (String name : List.of("refreshed", "notNeeded", "failed", "busy", "leftDue")) {
            counts.put(name, new AtomicInteger());
        }
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : due) {
                permits.acquireUninterruptibly();
                if (System.nanoTime() > stopAt) {
                    permits.release();
                    counts.get("leftDue").incrementAndGet();
                    continue;
                }
                executor.submit(() -> {
                    try {
                        counts.get(outcome(id)).incrementAndGet();
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        Run run = new Run(due.size(), counts.get("refreshed").get(), counts.get("notNeeded").get(),
                counts.get("failed").get(), counts.get("busy").get(), counts.get("leftDue").get(), itemsRead.get(),
                (System.nanoTime() - started) / 1_000_000);
        Log.info("refresh_run", Map.of("due", run.due(), "refreshed", run.refreshed(), "notNeeded", run.notNeeded(),
                "failed", run.failed(), "busy", run.busy(), "leftDue", run.leftDue(), "itemsRead", run.itemsRead(),
                "ms", run.millis()));
        return run;
    }

    private String outcome(String id) {
        try {
            return switch (refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED)) {
                case TokenRefresher.Outcome.Refreshed r -> "refreshed";
                case TokenRefresher.Outcome.NotNeeded n -> "notNeeded";
                case TokenRefresher.Outcome.Failed f -> "failed";
                case TokenRefresher.Outcome.Busy b -> "busy";
                case TokenRefresher.Outcome.Gone g -> "notNeeded";
            };
        } catch (RuntimeException e) {
            // One account's trouble (a storage hiccup) must not stop the run; it stays due.
            Log.info("refresh_account_error", Map.of("linkedAccountId", id, "exception", e.getClass().getSimpleName()));
            return "failed";
        }
    }

    /**
     * Every due id, oldest day first. The (LOOKBACK_DAYS + 1) x SHARDS partitions are read
     * concurrently (24 key-only queries that would otherwise wait on each other), each paged to
     * its end or the budget.
     */
    private List<String> dueIds(Instant now, AtomicInteger itemsRead, long stopAt) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> partitions = new ArrayList<>();
        for (int back = DueIndex.LOOKBACK_DAYS; back >= 0; back--) {
            for (int shard = 0; shard < DueIndex.SHARDS; shard++) {
                partitions.add(DueIndex.partition(today.minusDays(back), shard));
            }
        }
        List<java.util.concurrent.Future<List<String>>> reads = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String partition : partitions) {
                reads.add(executor.submit(() -> dueIdsIn(partition, now, itemsRead, stopAt)));
            }
        }
        List<String> ids = new ArrayList<>();
        for (var read : reads) {
            ids.addAll(resultOf(read));
        }
        return ids;
    }

    /** A partition read's ids; its failure as it was thrown (a storage outage fails the run, as before). */
    private static List<String> resultOf(java.util.concurrent.Future<List<String>> read) {
        try {
            return read.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the due index", e);
        }
    }

    private List<String> dueIdsIn(String partition, Instant now, AtomicInteger itemsRead, long stopAt) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> next = null;
        do {
            DueIndex.Page page = DueIndex.query(table, partition, now, next, PAGE);
            ids.addAll(page.ids());
            itemsRead.addAndGet(page.itemsRead());
            next = page.next();
        } while (next != null && !next.isEmpty() && System.nanoTime() < stopAt);
        return ids;
    }
}
