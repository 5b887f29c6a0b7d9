package dev.keyway.audit;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.core.KeywayException;
import dev.keyway.storage.Cursors;
import dev.keyway.storage.KeywayTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads the auth log for {@code GET /v1/logs}, newest first.
 *
 * <ul>
 *   <li>Per app: Query {@code pk=LOG#<appId>} (access pattern 11). Per linked account: Query
 *       {@code gsi1} {@code LOGLA#<linkedAccountId>} (pattern 12). That partition is not
 *       app-scoped, so {@code appId = :app} is always part of the filter: another app's account
 *       id yields an empty list, never its entries.</li>
 *   <li>{@code since} is a key condition on the sort key; {@code endUserId} and {@code type} are
 *       filters; so is {@code ttl > now}, because DynamoDB deletes expired items only eventually
 *       (and moto never).</li>
 *   <li>Filters make DynamoDB read more than it returns, so a page reads at most
 *       {@link #MAX_EVALUATED} items. It fetches one entry beyond {@code limit} to know whether
 *       another page exists: {@code nextCursor} is null exactly when nothing more matches, except
 *       when the read budget ran out first (then a page may be short, and the cursor resumes the
 *       read).</li>
 *   <li>The cursor is the key of the last item read, checked on return against the caller's own
 *       partition and app.</li>
 * </ul>
 */
@Singleton
public final class AuthLogQuery {
    static final int MAX_EVALUATED = 1000;
    private static final int FOLLOW_UP_PAGE = 200;
    private static final String BAD_CURSOR = "cursor: not a cursor this list returned";

    private final KeywayTable table;
    private final Clock clock;

    @Inject
    public AuthLogQuery(KeywayTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public LogPage list(String appId, LogQuery query) {
        View view = query.linkedAccountId()
                .map(id -> new View("gsi1", "gsi1pk", "gsi1sk", AuthLog.linkedAccountPartition(id)))
                .orElseGet(() -> new View(null, "pk", "sk", AuthLog.partition(appId)));
        Map<String, AttributeValue> start = query.cursor().map(c -> startKey(c, appId, view)).orElse(null);
        String since = query.since().map(AuthLog::timeKey).orElse(null);
        if (start != null && since != null && start.get(view.sortKey()).s().compareTo(since) < 0) {
            // Everything after this cursor is older than `since` (and DynamoDB refuses a start key
            // outside the key condition).
            return new LogPage(List.of(), null);
        }

        Map<String, String> names = new HashMap<>(Map.of("#p", view.partitionKey(), "#ttl", "ttl"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":p", s(view.partition()),
                ":app", s(appId),
                ":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond()))));
        String keyCondition = "#p = :p";
        if (since != null) {
            keyCondition += " AND #s >= :since";
            names.put("#s", view.sortKey());
            values.put(":since", s(since));
        }
        StringBuilder filter = new StringBuilder("appId = :app AND #ttl > :now");
        query.endUserId().ifPresent(endUserId -> {
            filter.append(" AND endUserId = :eu");
            values.put(":eu", s(endUserId));
        });
        query.type().ifPresent(type -> {
            filter.append(" AND #type = :type");
            names.put("#type", "type");
            values.put(":type", s(type));
        });

        List<Map<String, AttributeValue>> matches = new ArrayList<>();
        int wanted = query.limit() + 1;
        int evaluated = 0;
        Map<String, AttributeValue> resumeAt = start;
        do {
            int pageSize = evaluated == 0 ? wanted : Math.min(FOLLOW_UP_PAGE, MAX_EVALUATED - evaluated);
            QueryResponse page = table.client().query(QueryRequest.builder()
                    .tableName(table.name())
                    .indexName(view.index())
                    .keyConditionExpression(keyCondition)
                    .filterExpression(filter.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(resumeAt)
                    .scanIndexForward(false)
                    .limit(pageSize)
                    .build());
            evaluated += page.scannedCount();
            for (var item : page.items()) {
                if (matches.size() < wanted) {
                    matches.add(item);
                }
            }
            resumeAt = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (matches.size() < wanted && resumeAt != null && evaluated < MAX_EVALUATED);

        String nextCursor = null;
        if (matches.size() == wanted) {
            matches = matches.subList(0, query.limit());
            nextCursor = Cursors.encodeKey(view.keyOf(matches.get(matches.size() - 1)));
        } else if (resumeAt != null) {
            nextCursor = Cursors.encodeKey(resumeAt); // read budget spent; more may match further on
        }
        return new LogPage(matches.stream().map(AuthLog::fromItem).map(LogEntry::of).toList(), nextCursor);
    }

    /**
     * The start key a cursor encodes, refused unless it is exactly the key shape of this view,
     * in the caller's partition and app: a forged key must neither reach another app's entries
     * nor make DynamoDB fail with a 500.
     */
    private static Map<String, AttributeValue> startKey(String cursor, String appId, View view) {
        Map<String, AttributeValue> key;
        try {
            key = Cursors.decodeKey(cursor, view.partitionKey(), view.partition());
        } catch (NullPointerException e) {
            throw KeywayException.invalid(BAD_CURSOR); // a cursor encoding JSON null
        }
        if (!key.keySet().equals(view.keyAttributes())
                || !AuthLog.partition(appId).equals(key.get("pk").s())
                || (view.index() != null && !key.get("sk").s().equals(key.get("gsi1sk").s()))) {
            throw KeywayException.invalid(BAD_CURSOR);
        }
        return key;
    }

    /** Which partition a query reads: the app's own, or one linked account's in gsi1. */
    private record View(String index, String partitionKey, String sortKey, String partition) {
        Set<String> keyAttributes() {
            return index == null ? Set.of("pk", "sk") : Set.of("pk", "sk", partitionKey, sortKey);
        }

        Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
            Map<String, AttributeValue> key = new HashMap<>();
            keyAttributes().forEach(name -> key.put(name, item.get(name)));
            return key;
        }
    }
}
