package dev.keyway.audit;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.core.Ids;
import dev.keyway.core.KeywayConfig;
import dev.keyway.core.KeywayException;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The auth log. Entries are never written alone: {@link #entry} returns the Put that goes
 * into the same transaction as the state change it records, so no event is ever lost and
 * none is recorded for a change that did not happen. The table's stream carries each stored
 * entry on to EventBridge (functions/audit-publisher).
 *
 * <p>Items: {@code pk=LOG#<appId>}, {@code sk=<time key>#<eventId>} (newest first per app);
 * {@code gsi1pk=LOGLA#<linkedAccountId>} for the per-account view; {@code ttl} for retention.
 * The time key is a fixed-width UTC timestamp ({@link #timeKey}), so string order is time order
 * ({@code Instant.toString()} drops trailing zeros, and "…:57Z" would sort after "…:57.1Z").
 *
 * <p>Retention: {@code KEYWAY_LOG_RETENTION_DAYS} (default 90) unless the app's item carries
 * {@code logRetentionDays} ({@link #setRetention}). The app's setting is read at most once per
 * {@link #RETENTION_CACHE} per container, so recording an event rarely costs an extra read
 * (a function that records events needs {@code dynamodb:GetItem} on the table for it).
 * An entry's {@code ttl} is fixed when it is written: a changed setting applies to new entries.
 */
@Singleton
public final class AuthLog {
    static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 3650;
    static final Duration RETENTION_CACHE = Duration.ofMinutes(5);
    private static final int RETENTION_CACHE_MAX_APPS = 10_000;
    private static final DateTimeFormatter TIME_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final KeywayTable table;
    private final Clock clock;
    private final Duration defaultRetention;
    private final Map<String, CachedRetention> retentionByApp = new ConcurrentHashMap<>();

    private record CachedRetention(Duration retention, Instant readAt) {
    }

    @Inject
    public AuthLog(KeywayTable table, Clock clock) {
        this(table, clock, KeywayConfig.setting("KEYWAY_LOG_RETENTION_DAYS")
                .map(days -> Duration.ofDays(Long.parseLong(days))).orElse(DEFAULT_RETENTION));
    }

    /** {@code defaultRetention} applies to apps without a {@code logRetentionDays} of their own. */
    public AuthLog(KeywayTable table, Clock clock, Duration defaultRetention) {
        this.table = table;
        this.clock = clock;
        this.defaultRetention = defaultRetention;
    }

    /** A new event of {@code type} for {@code appId}, stamped now; fill in the rest with the builder. */
    public AuthEventBuilder event(String appId, String type) {
        return new AuthEventBuilder(Ids.newId("evt"), appId, type, clock.instant());
    }

    /** The entry for {@code event}, kept for the app's retention. */
    public TransactWriteItem entry(AuthEvent event) {
        return entry(event, retention(event.appId()));
    }

    /** The entry for {@code event}, kept for {@code retention} from when it occurred. */
    public TransactWriteItem entry(AuthEvent event, Duration retention) {
        Map<String, AttributeValue> item = new HashMap<>();
        String sortKey = sortKey(event.occurredAt(), event.id());
        item.put("pk", s(partition(event.appId())));
        item.put("sk", s(sortKey));
        item.put("kind", s(AuditEvents.KIND));
        item.put("eventId", s(event.id()));
        item.put("appId", s(event.appId()));
        item.put("type", s(event.type()));
        item.put("occurredAt", Attrs.time(event.occurredAt()));
        item.put("ttl", Attrs.n(event.occurredAt().plus(retention).getEpochSecond()));
        putIfPresent(item, "linkedAccountId", event.linkedAccountId());
        putIfPresent(item, "endUserId", event.endUserId());
        putIfPresent(item, "connector", event.connector());
        putIfPresent(item, "actor", event.actor());
        if (event.linkedAccountId() != null) {
            item.put("gsi1pk", s(linkedAccountPartition(event.linkedAccountId())));
            item.put("gsi1sk", s(sortKey));
        }
        if (!event.details().isEmpty()) {
            item.put("details", AttributeValue.fromM(event.details().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        }
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build())
                .build();
    }

    /** How long the app's new entries are kept: its own {@code logRetentionDays}, else the default. */
    public Duration retention(String appId) {
        Instant now = clock.instant();
        CachedRetention cached = retentionByApp.get(appId);
        if (cached != null && cached.readAt().plus(RETENTION_CACHE).isAfter(now)) {
            return cached.retention();
        }
        var app = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name()).key(appKey(appId))
                .projectionExpression("logRetentionDays").build()).item();
        Duration retention = Optional.ofNullable(app).map(item -> item.get("logRetentionDays"))
                .map(AttributeValue::n)
                .map(AuthLog::parseDays)
                .filter(days -> days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS)
                .map(Duration::ofDays)
                .orElse(defaultRetention);
        if (retentionByApp.size() >= RETENTION_CACHE_MAX_APPS) {
            retentionByApp.clear(); // a bound, not an LRU: re-reading is cheap
        }
        retentionByApp.put(appId, new CachedRetention(retention, now));
        return retention;
    }

    /**
     * Sets the app's log retention ({@value #MIN_RETENTION_DAYS}..{@value #MAX_RETENTION_DAYS}
     * days) and records the change. Other containers pick it up within {@link #RETENTION_CACHE}.
     */
    public void setRetention(String appId, int days, String actor) {
        if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
            throw KeywayException.invalid("logRetentionDays: an integer from " + MIN_RETENTION_DAYS
                    + " to " + MAX_RETENTION_DAYS);
        }
        var update = TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name()).key(appKey(appId))
                .updateExpression("SET logRetentionDays = :days")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":days", Attrs.n(days)))
                .build()).build();
        var event = event(appId, AuthEventTypes.APP_LOG_RETENTION_CHANGED).actor(actor)
                .detail("logRetentionDays", Integer.toString(days)).build();
        try {
            Transactions.write(table, List.of(update, entry(event, Duration.ofDays(days))));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.notFound("no app " + appId);
        }
        retentionByApp.put(appId, new CachedRetention(Duration.ofDays(days), clock.instant()));
    }

    /** The newest {@code limit} events of an app, newest first (expired ones included until TTL removes them). */
    public List<AuthEvent> recent(String appId, int limit) {
        var response = table.client().query(QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition(appId))))
                .scanIndexForward(false)
                .limit(limit)
                .build());
        return response.items().stream().map(AuthLog::fromItem).toList();
    }

    /** The per-app partition of the log. */
    static String partition(String appId) {
        return "LOG#" + appId;
    }

    /** The per-linked-account partition of {@code gsi1}; it is not app-scoped, so readers check {@code appId}. */
    static String linkedAccountPartition(String linkedAccountId) {
        return "LOGLA#" + linkedAccountId;
    }

    /** A fixed-width UTC timestamp whose string order is time order: the first part of every sort key. */
    static String timeKey(Instant instant) {
        return TIME_KEY.format(instant);
    }

    static String sortKey(Instant occurredAt, String eventId) {
        return timeKey(occurredAt) + "#" + eventId;
    }

    /**
     * The event an auth-log item records, read from an allow-list of attributes only: whatever
     * else an item might carry (a {@code secrets} map, say) can never leave through here.
     */
    static AuthEvent fromItem(Map<String, AttributeValue> item) {
        Map<String, String> details = new LinkedHashMap<>();
        AttributeValue stored = item.get("details");
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> {
                if (value.s() != null) {
                    details.put(name, value.s());
                }
            });
        }
        return new AuthEvent(Attrs.str(item, "eventId"), Attrs.str(item, "appId"), Attrs.str(item, "type"),
                Attrs.instant(item, "occurredAt"), Attrs.optStr(item, "linkedAccountId").orElse(null),
                Attrs.optStr(item, "endUserId").orElse(null), Attrs.optStr(item, "connector").orElse(null),
                Attrs.optStr(item, "actor").orElse(null), details);
    }

    private static Map<String, AttributeValue> appKey(String appId) {
        return Attrs.key("APP#" + appId, "APP");
    }

    private static Long parseDays(String n) {
        try {
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
