package dev.keyway.audit;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.core.Ids;
import dev.keyway.core.KeywayConfig;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.KeywayTable;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The auth log. Entries are never written alone: {@link #entry} returns the Put that goes
 * into the same transaction as the state change it records, so no event is ever lost and
 * none is recorded for a change that did not happen. The table's stream carries each stored
 * entry on to EventBridge.
 *
 * <p>Items: {@code pk=LOG#<appId>}, {@code sk=<occurredAt>#<eventId>} (newest first per app);
 * {@code gsi1pk=LOGLA#<linkedAccountId>} for the per-account view; {@code ttl} for retention.
 */
@Singleton
public final class AuthLog {
    static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    private final KeywayTable table;
    private final Clock clock;
    private final Duration retention;

    @Inject
    public AuthLog(KeywayTable table, Clock clock) {
        this(table, clock, KeywayConfig.setting("KEYWAY_LOG_RETENTION_DAYS")
                .map(days -> Duration.ofDays(Long.parseLong(days))).orElse(DEFAULT_RETENTION));
    }

    public AuthLog(KeywayTable table, Clock clock, Duration retention) {
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    /** A new event of {@code type} for {@code appId}, stamped now; fill in the rest with the builder. */
    public AuthEventBuilder event(String appId, String type) {
        return new AuthEventBuilder(Ids.newId("evt"), appId, type, clock.instant());
    }

    public TransactWriteItem entry(AuthEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("LOG#" + event.appId()));
        item.put("sk", s(event.occurredAt() + "#" + event.id()));
        item.put("kind", s("auth_event"));
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
            item.put("gsi1pk", s("LOGLA#" + event.linkedAccountId()));
            item.put("gsi1sk", s(event.occurredAt() + "#" + event.id()));
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

    /** The newest {@code limit} events of an app, newest first. */
    public List<AuthEvent> recent(String appId, int limit) {
        var response = table.client().query(QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("LOG#" + appId)))
                .scanIndexForward(false)
                .limit(limit)
                .build());
        return response.items().stream().map(AuthLog::fromItem).toList();
    }

    static AuthEvent fromItem(Map<String, AttributeValue> item) {
        Map<String, String> details = item.containsKey("details")
                ? item.get("details").m().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()))
                : Map.of();
        return new AuthEvent(Attrs.str(item, "eventId"), Attrs.str(item, "appId"), Attrs.str(item, "type"),
                Attrs.instant(item, "occurredAt"), Attrs.optStr(item, "linkedAccountId").orElse(null),
                Attrs.optStr(item, "endUserId").orElse(null), Attrs.optStr(item, "connector").orElse(null),
                Attrs.optStr(item, "actor").orElse(null), details);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
