package dev.keyway.linkedaccounts;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.storage.Attrs;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Revocations that failed when their linked account was deleted: {@code pk=REVOKE#<linkedAccountId>}.
 * The token stays encrypted; the item sits in the sparse {@code due} index
 * ({@code duePk=REVOKE#<shard>}, {@code dueSk=<nextAttemptAt>#<id>}) so the retry job finds
 * what is due without a Scan, and a TTL removes it after the last attempt window.
 */
@Singleton
public final class PendingRevocations {
    static final int SHARDS = 4;
    static final int MAX_ATTEMPTS = 8;
    static final Duration KEEP = Duration.ofDays(7);

    public record Pending(String linkedAccountId, String appId, String connector, String authMethod, String endUserId,
                          String token, boolean refreshToken, int attempts, Map<String, AttributeValue> item) {
        @Override
        public String toString() {
            return "Pending[" + linkedAccountId + ", attempts=" + attempts + "]";
        }
    }

    private final KeywayTable table;
    private final EncryptedSecrets secrets;

    @Inject
    public PendingRevocations(KeywayTable table, EncryptedSecrets secrets) {
        this.table = table;
        this.secrets = secrets;
    }

    static Map<String, AttributeValue> key(String linkedAccountId) {
        return Attrs.key("REVOKE#" + linkedAccountId, "REVOKE");
    }

    TransactWriteItem add(LinkedAccount account, String token, boolean refreshToken, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(account.id()));
        item.putAll(secrets.encrypt(key(account.id()), account.appId(), Map.of("token", token)));
        item.put("kind", s("pending_revocation"));
        item.put("linkedAccountId", s(account.id()));
        item.put("connector", s(account.connector()));
        item.put("authMethod", s(account.authMethod()));
        item.put("endUserId", s(account.endUserId()));
        item.put("refreshToken", Attrs.bool(refreshToken));
        item.put("attempts", Attrs.n(1));
        item.put("version", Attrs.n(1));
        item.put("ttl", Attrs.n(now.plus(KEEP).getEpochSecond()));
        item.putAll(due(account.id(), now.plus(backoff(1))));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item).build()).build();
    }

    /** Everything due by {@code now}, oldest first within each shard, at most {@code limit}. */
    List<Pending> due(Instant now, int limit) {
        List<Pending> due = new ArrayList<>();
        for (int shard = 0; shard < SHARDS && due.size() < limit; shard++) {
            var keys = table.client().query(QueryRequest.builder().tableName(table.name()).indexName("due")
                    .keyConditionExpression("duePk = :pk AND dueSk <= :now")
                    .expressionAttributeValues(Map.of(":pk", s("REVOKE#" + shard), ":now", s(now + "#~")))
                    .limit(limit - due.size()).build()).items();
            for (var k : keys) {
                var item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                        .key(Attrs.key(Attrs.str(k, "pk"), Attrs.str(k, "sk"))).consistentRead(true).build()).item();
                if (item != null && !item.isEmpty()) {
                    due.add(toPending(item));
                }
            }
        }
        return due;
    }

    TransactWriteItem remove(Pending pending) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(key(pending.linkedAccountId()))
                .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", pending.item().get("version"))).build()).build();
    }

    /** Records a failed attempt: later next time (exponential backoff), or out of the index when given up. */
    TransactWriteItem failed(Pending pending, Instant now) {
        int attempts = pending.attempts() + 1;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":a", Attrs.n(attempts));
        values.put(":v", pending.item().get("version"));
        values.put(":one", Attrs.n(1));
        String update;
        if (attempts >= MAX_ATTEMPTS) {
            update = "SET attempts = :a, #v = #v + :one REMOVE duePk, dueSk";
        } else {
            var due = due(pending.linkedAccountId(), now.plus(backoff(attempts)));
            values.put(":pk", due.get("duePk"));
            values.put(":sk", due.get("dueSk"));
            update = "SET attempts = :a, duePk = :pk, dueSk = :sk, #v = #v + :one";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(key(pending.linkedAccountId())).updateExpression(update)
                .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(values).build()).build();
    }

    boolean gaveUp(Pending pending) {
        return pending.attempts() + 1 >= MAX_ATTEMPTS;
    }

    /** 1, 2, 4 … minutes, at most 6 hours. */
    static Duration backoff(int attempts) {
        return Duration.ofMinutes(Math.min(360, 1L << Math.min(attempts - 1, 9)));
    }

    private static Map<String, AttributeValue> due(String id, Instant at) {
        int shard = Math.floorMod(id.hashCode(), SHARDS);
        return Map.of("duePk", s("REVOKE#" + shard), "dueSk", s(at + "#" + id));
    }

    private Pending toPending(Map<String, AttributeValue> item) {
        return new Pending(Attrs.str(item, "linkedAccountId"), Attrs.str(item, "appId"), Attrs.str(item, "connector"),
                Attrs.str(item, "authMethod"), Attrs.str(item, "endUserId"), secrets.decrypt(item).get("token"),
                Attrs.flag(item, "refreshToken"), (int) Attrs.num(item, "attempts"), item);
    }
}
