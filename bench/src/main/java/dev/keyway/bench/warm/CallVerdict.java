package dev.keyway.bench.warm;

import dev.keyway.connectors.ConnectorCache;
import dev.keyway.crypto.KeySetMasterKeyProvider;
import dev.keyway.linkedaccounts.LinkedAccountRepository;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the timed calls sent one read of the account each and nothing else (the target), and
 * if not, what else went out. Three extras are by design, each at most once per its cache's
 * lifetime since the first call filled the caches: a connector re-read ({@link ConnectorCache#TTL}),
 * a {@code lastUsedAt} write ({@link LinkedAccountRepository#LAST_USED_GRANULARITY}) and a key-set
 * refresh from Secrets Manager ({@link KeySetMasterKeyProvider#MAX_AGE}). The report names them;
 * more of them than that time allows, or anything else, is a miss.
 */
record CallVerdict(boolean met, String text) {
    /** The one request a warm resolve or proxy call should send, as {@link AwsCalls} labels it (the SDK's service name). */
    static final String ACCOUNT_READ = "DynamoDb GetItem LA#/LA";

    private record Refresh(String what, Duration every, String item, String... operations) {
        long allowed(Duration since) {
            return since.toMillis() / every.toMillis();
        }

        long count(Map<String, Long> extra) {
            return extra.entrySet().stream()
                    .filter(e -> e.getKey().contains(item))
                    .filter(e -> Arrays.stream(operations).anyMatch(op -> e.getKey().contains(" " + op)))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    private static final Refresh[] BY_DESIGN = {
        new Refresh("connector re-read (connector cache)", ConnectorCache.TTL, "/CONNECTOR#", "GetItem", "Query"),
        new Refresh("lastUsedAt write", LinkedAccountRepository.LAST_USED_GRANULARITY, "LA#/LA", "UpdateItem"),
        new Refresh("key-set refresh (the cipher's cache)", KeySetMasterKeyProvider.MAX_AGE, "SecretsManager", "GetSecretValue"),
    };

    /**
     * @param sent  the requests of the timed calls, by {@link AwsCalls} label
     * @param calls how many timed calls sent them
     * @param since time from the first call (which filled the caches) to the end of the timed loop
     */
    static CallVerdict of(Map<String, Long> sent, long calls, Duration since) {
        Map<String, Long> extra = new LinkedHashMap<>(sent);
        long reads = extra.getOrDefault(ACCOUNT_READ, 0L);
        extra.remove(ACCOUNT_READ);
        if (reads != calls) {
            return new CallVerdict(false, "NOT met: " + reads + " account reads for " + calls + " calls; sent " + sent);
        }
        if (extra.isEmpty()) {
            return new CallVerdict(true, "met");
        }
        long explained = 0;
        boolean within = true;
        StringBuilder named = new StringBuilder();
        for (Refresh refresh : BY_DESIGN) {
            long n = refresh.count(extra);
            if (n == 0) {
                continue;
            }
            explained += n;
            long allowed = refresh.allowed(since);
            within &= n <= allowed;
            named.append(named.isEmpty() ? "" : ", ").append(n).append(" x ").append(refresh.what())
                    .append(" (at most every ").append(human(refresh.every())).append("; ").append(allowed)
                    .append(" possible in ").append(human(since)).append(")");
        }
        long total = extra.values().stream().mapToLong(Long::longValue).sum();
        if (explained < total || !within) {
            return new CallVerdict(false, "NOT met: besides one account read per call, " + extra
                    + (named.isEmpty() ? "" : "; of which by design: " + named));
        }
        return new CallVerdict(true, "met in steady state; besides one account read per call: " + named);
    }

    private static String human(Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
