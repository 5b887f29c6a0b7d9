package dev.keyway.bench.warm;

import dev.keyway.connectors.ConnectorCache;
import dev.keyway.linkedaccounts.LinkedAccountRepository;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the timed calls sent one read of the account each and nothing else (the target), and
 * if not, what else went out. Two extras are by design and named as such: the connector re-read
 * when the per-container connector cache expires ({@link ConnectorCache#TTL}), and the
 * {@code lastUsedAt} write ({@link LinkedAccountRepository#LAST_USED_GRANULARITY}); anything else
 * is a miss.
 */
record CallVerdict(boolean met, String text) {
    /** The one request a warm resolve or proxy call should send, as {@link AwsCalls} labels it (the SDK's service name). */
    static final String ACCOUNT_READ = "DynamoDb GetItem LA#/LA";

    static CallVerdict of(Map<String, Long> sent, long calls) {
        Map<String, Long> extra = new LinkedHashMap<>(sent);
        long reads = extra.getOrDefault(ACCOUNT_READ, 0L);
        extra.remove(ACCOUNT_READ);
        if (reads != calls) {
            return new CallVerdict(false, "NOT met: " + reads + " account reads for " + calls + " calls; sent " + sent);
        }
        if (extra.isEmpty()) {
            return new CallVerdict(true, "met");
        }
        long connectorReads = sum(extra, "/CONNECTOR#", "GetItem", "Query");
        long lastUsedWrites = sum(extra, "LA#/LA", "UpdateItem");
        long other = extra.values().stream().mapToLong(Long::longValue).sum() - connectorReads - lastUsedWrites;
        if (other > 0) {
            return new CallVerdict(false, "NOT met: besides the account reads, " + extra);
        }
        StringBuilder text = new StringBuilder("met in steady state; besides one account read per call:");
        if (connectorReads > 0) {
            text.append(" ").append(connectorReads).append(" connector re-read").append(connectorReads == 1 ? "" : "s")
                    .append(" (the connector cache expires every ").append(ConnectorCache.TTL.toSeconds()).append(" s)");
        }
        if (lastUsedWrites > 0) {
            text.append(connectorReads > 0 ? " and " : " ").append(lastUsedWrites).append(" lastUsedAt write")
                    .append(lastUsedWrites == 1 ? "" : "s").append(" (at most every ")
                    .append(LinkedAccountRepository.LAST_USED_GRANULARITY.toMinutes()).append(" min per account)");
        }
        return new CallVerdict(true, text.toString());
    }

    private static long sum(Map<String, Long> counts, String item, String... operations) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().contains(item))
                .filter(e -> java.util.Arrays.stream(operations).anyMatch(op -> e.getKey().contains(" " + op + " ")))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
