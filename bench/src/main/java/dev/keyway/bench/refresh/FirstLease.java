package dev.keyway.bench.refresh;

import dev.keyway.bench.warm.AwsCalls;
import java.util.concurrent.locks.LockSupport;

/**
 * When a scheduler run stopped reading the due index and began refreshing: the moment its first
 * lease (an {@code UpdateItem} of a linked account) went out, seen by polling the bench's request
 * counter every millisecond from a thread of its own. {@code ScheduledRefresh} reads every due key
 * before it refreshes any, so this splits a run into its index read and its refreshes; on moto the
 * index read costs a pass over the whole table per query, which DynamoDB does not.
 */
final class FirstLease implements AutoCloseable {
    static final String LEASE = "DynamoDb UpdateItem LA#/LA";

    private final long before = leases();
    private final Thread watcher;
    private volatile long seenAt = -1;

    private FirstLease() {
        watcher = Thread.ofPlatform().daemon().name("first-lease").start(this::poll);
    }

    static FirstLease watch() {
        return new FirstLease();
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            if (leases() > before) {
                seenAt = System.nanoTime();
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** {@link System#nanoTime()} when the first lease went out; -1 if none did. */
    long seenAt() {
        return seenAt;
    }

    private static long leases() {
        return AwsCalls.counts(AwsCalls.NO_PHASE).getOrDefault(LEASE, 0L);
    }

    @Override
    public void close() {
        watcher.interrupt();
        try {
            watcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
