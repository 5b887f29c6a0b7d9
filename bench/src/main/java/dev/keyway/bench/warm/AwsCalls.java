package dev.keyway.bench.warm;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts every AWS request this JVM sends, by phase, service, operation and (for DynamoDB) the
 * kind of item, without touching Keyway's code: the SDK loads global interceptors named in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} (in this module's
 * resources) into every client it builds, including the ones the handlers' Dagger graphs build.
 *
 * <p>It counts in {@code beforeTransmission}, which runs once per HTTP attempt, so a retry counts
 * as another request, as it would on the wire. SDK clients are synchronous here: the hook runs on
 * the calling thread, so {@link #during} attributes each request to the phase running on that
 * thread; a request from any other thread is counted under {@code (no phase)}.
 */
public final class AwsCalls implements ExecutionInterceptor {
    public static final String NO_PHASE = "(no phase)";

    private static final ThreadLocal<String> PHASE = new ThreadLocal<>();
    private static final Map<String, Map<String, LongAdder>> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> PHASE_TOTALS = new ConcurrentHashMap<>();
    private static final LongAdder TOTAL = new LongAdder();

    /** Public, no-arg: the SDK instantiates it by name. */
    public AwsCalls() {
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        record(label(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request()));
    }

    /** One request, under this thread's phase. */
    static void record(String label) {
        String phase = PHASE.get() == null ? NO_PHASE : PHASE.get();
        COUNTS.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(label, l -> new LongAdder()).increment();
        PHASE_TOTALS.computeIfAbsent(phase, p -> new LongAdder()).increment();
        TOTAL.increment();
    }

    /** Runs {@code work} with its AWS requests counted under {@code phase}. */
    public static <T> T during(String phase, Supplier<T> work) {
        String outer = PHASE.get();
        enter(phase);
        try {
            return work.get();
        } finally {
            enter(outer);
        }
    }

    /** From now on, this thread's requests count under {@code phase} ({@code null}: no phase). */
    public static void enter(String phase) {
        if (phase == null) {
            PHASE.remove();
        } else {
            PHASE.set(phase);
        }
    }

    /** Requests sent so far, in every phase. */
    public static long total() {
        return TOTAL.sum();
    }

    /** Requests of {@code phase} so far, by label ({@code DynamoDb GetItem LA#/LA}), sorted. */
    public static Map<String, Long> counts(String phase) {
        Map<String, Long> out = new TreeMap<>();
        Map<String, LongAdder> counts = COUNTS.get(phase);
        if (counts != null) {
            counts.forEach((label, n) -> out.put(label, n.sum()));
        }
        return out;
    }

    /** Requests of {@code phase} so far, all labels together. */
    public static long count(String phase) {
        LongAdder n = PHASE_TOTALS.get(phase);
        return n == null ? 0 : n.sum();
    }

    /**
     * {@code Service Operation} as the SDK names them, and for DynamoDB item operations the kind of
     * item: each key attribute's prefix up to its first {@code #} ({@code LA#/LA} a linked account,
     * {@code APP#/APP} an app, {@code APP#/CONNECTOR#} a connector…). Never a key's value: an attribute
     * without a {@code #} shows only if it is a bare upper-case tag such as {@code LA}.
     */
    static String label(String service, String operation, SdkRequest request) {
        String label = service + " " + operation;
        Map<String, AttributeValue> key = switch (request) {
            case GetItemRequest r -> r.key();
            case UpdateItemRequest r -> r.key();
            case DeleteItemRequest r -> r.key();
            case PutItemRequest r -> r.item();
            case null, default -> null;
        };
        if (key != null && key.get("pk") != null) {
            label += " " + kind(key.get("pk").s()) + (key.get("sk") == null ? "" : "/" + kind(key.get("sk").s()));
        }
        if (request instanceof QueryRequest q && q.indexName() != null) {
            label += " " + q.indexName();
        }
        return label;
    }

    private static String kind(String value) {
        if (value == null) {
            return "?";
        }
        int hash = value.indexOf('#');
        if (hash >= 0) {
            return value.substring(0, hash + 1);
        }
        return value.matches("[A-Z_]{1,16}") ? value : "…";
    }
}
