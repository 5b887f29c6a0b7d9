package dev.keyway.linkedaccounts;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.storage.KeywayTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The sparse {@code due} index for linked accounts: {@code duePk = DUE#<UTC day>#<shard>},
 * {@code dueSk = <fixed-width due time>#<id>}. A day bucket keeps each partition small and lets
 * a run ask only for today and the days before it that might still hold something; the shards
 * spread a day's accounts over partitions. A run reads exactly the due keys (KEYS_ONLY), never
 * the whole table.
 */
public final class DueIndex {
    public static final int SHARDS = 8;
    /** How many past days a run looks back for accounts still due (the scheduler may have been down). */
    public static final int LOOKBACK_DAYS = 2;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private DueIndex() {
    }

    static String partition(Instant due, String id) {
        return partition(LocalDate.ofInstant(due, ZoneOffset.UTC), shard(id));
    }

    static String partition(LocalDate day, int shard) {
        return "DUE#" + day + "#" + shard;
    }

    static String sortKey(Instant due, String id) {
        return TIME.format(due) + "#" + id;
    }

    static int shard(String id) {
        return Math.floorMod(id.hashCode(), SHARDS);
    }

    /** One page of due linked-account ids in a partition: due by {@code now}, oldest first. */
    record Page(List<String> ids, Map<String, AttributeValue> next, int itemsRead) {
    }

    static Page query(KeywayTable table, String partition, Instant now, Map<String, AttributeValue> startKey, int limit) {
        var response = table.client().query(QueryRequest.builder().tableName(table.name()).indexName("due")
                .keyConditionExpression("duePk = :pk AND dueSk <= :now")
                .expressionAttributeValues(Map.of(":pk", s(partition), ":now", s(TIME.format(now) + "#~")))
                .exclusiveStartKey(startKey == null || startKey.isEmpty() ? null : startKey)
                .limit(limit).build());
        List<String> ids = new ArrayList<>();
        response.items().forEach(item -> ids.add(item.get("pk").s().substring("LA#".length())));
        return new Page(ids, response.lastEvaluatedKey(), response.count());
    }
}
