package dev.keyway.linkedaccounts;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.core.KeywayException;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.Cursors;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Linked accounts: {@code pk=LA#<id>, sk=LA}. Listed per app through {@code gsi1}
 * ({@code APP#<appId>#LA}, sort key by end user then connector, so one index answers "all",
 * "by end user" and "by end user and connector") and per connector through {@code gsi2}.
 * Import references ({@code pk=REF#<appId>#<sha256(connector, endUserId, externalRef)>}) make
 * imports idempotent.
 */
@Singleton
public final class LinkedAccountRepository {
    /** {@code lastUsedAt} is written at most this often, so use costs no write per call. */
    public static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(5);

    public record Page(List<LinkedAccount> items, String nextCursor) {
    }

    public record Filter(Optional<String> endUserId, Optional<String> connector, Optional<LinkedAccountStatus> status) {
    }

    private final KeywayTable table;
    private final EncryptedSecrets secrets;

    @Inject
    public LinkedAccountRepository(KeywayTable table, EncryptedSecrets secrets) {
        this.table = table;
        this.secrets = secrets;
    }

    static Map<String, AttributeValue> key(String id) {
        return Attrs.key("LA#" + id, "LA");
    }

    /** One consistent GetItem: resolve's whole DynamoDB cost. */
    public Optional<StoredAccount> find(String id) {
        var item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name()).key(key(id)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new StoredAccount(toAccount(item), item));
    }

    /** The account, if it exists and belongs to {@code appId}; another app's account is simply not found. */
    public Optional<StoredAccount> findForApp(String appId, String id) {
        return find(id).filter(stored -> stored.account().appId().equals(appId));
    }

    public Credentials credentials(StoredAccount stored) {
        return Credentials.from(stored.account().authType(), secrets.decrypt(stored.item()));
    }

    public Page list(String appId, Filter filter, String cursor, int limit) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).limit(limit);
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        String index;
        String partitionName;
        String partition;
        if (filter.connector().isPresent() && filter.endUserId().isEmpty()) {
            index = "gsi2";
            partitionName = "gsi2pk";
            partition = "APP#" + appId + "#CONN#" + filter.connector().get();
            request.keyConditionExpression("gsi2pk = :pk");
        } else {
            index = "gsi1";
            partitionName = "gsi1pk";
            partition = "APP#" + appId + "#LA";
            if (filter.endUserId().isPresent()) {
                String prefix = endUserPrefix(filter.endUserId().get())
                        + filter.connector().map(c -> "CONN#" + c + "#").orElse("");
                request.keyConditionExpression("gsi1pk = :pk AND begins_with(gsi1sk, :prefix)");
                values.put(":prefix", s(prefix));
            } else {
                request.keyConditionExpression("gsi1pk = :pk");
            }
        }
        values.put(":pk", s(partition));
        filter.status().ifPresent(status -> {
            request.filterExpression("#status = :status");
            names.put("#status", "status");
            values.put(":status", s(status.name()));
        });
        request.indexName(index).expressionAttributeValues(values);
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        if (cursor != null) {
            request.exclusiveStartKey(Cursors.decodeKey(cursor, partitionName, partition));
        }
        var response = table.client().query(request.build());
        return new Page(response.items().stream().map(LinkedAccountRepository::toAccount).toList(),
                Cursors.encodeKey(response.lastEvaluatedKey()));
    }

    /** The linked account an earlier import with the same reference created, if any. */
    public Optional<String> findImport(String appId, String connector, String endUserId, String externalRef) {
        var item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(refKey(appId, connector, endUserId, externalRef)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Attrs.optStr(item, "linkedAccountId");
    }

    /** Creates the account only if its id is new. */
    TransactWriteItem create(LinkedAccount account, Credentials credentials) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(toItem(account, credentials))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Replaces the account only if it still is at {@code expectedVersion} and belongs to its app. */
    TransactWriteItem replace(LinkedAccount account, Credentials credentials, long expectedVersion) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(toItem(account, credentials))
                .conditionExpression("#v = :expected AND appId = :app")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":expected", Attrs.n(expectedVersion), ":app", s(account.appId())))
                .build()).build();
    }

    TransactWriteItem delete(LinkedAccount account) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(key(account.id()))
                .conditionExpression("#v = :expected AND appId = :app")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":expected", Attrs.n(account.version()), ":app", s(account.appId())))
                .build()).build();
    }

    /** The import reference; created only once per (app, connector, end user, external ref). */
    TransactWriteItem createImportRef(LinkedAccount account) {
        Map<String, AttributeValue> item = new HashMap<>(
                refKey(account.appId(), account.connector(), account.endUserId(), account.externalRef()));
        item.put("kind", s("import_ref"));
        item.put("appId", s(account.appId()));
        item.put("linkedAccountId", s(account.id()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    TransactWriteItem deleteImportRef(LinkedAccount account) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(refKey(account.appId(), account.connector(), account.endUserId(), account.externalRef()))
                .build()).build();
    }

    /**
     * Takes the refresh lease: only when nobody holds a live one. Answers the account as it is now
     * (the re-read after taking the lease) with the fence that later writes must present; empty when
     * another worker holds the lease or the account is gone.
     */
    public Optional<Leased> takeLease(String id, String owner, Instant now, Duration length) {
        try {
            var response = table.client().updateItem(UpdateItemRequest.builder().tableName(table.name()).key(key(id))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until,"
                            + " leaseFence = if_not_exists(leaseFence, :zero) + :one")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", Attrs.time(now.plus(length)),
                            ":now", Attrs.time(now), ":zero", Attrs.n(0), ":one", Attrs.n(1)))
                    .returnValues(ReturnValue.ALL_NEW).build());
            Map<String, AttributeValue> item = response.attributes();
            return Optional.of(new Leased(new StoredAccount(toAccount(item), item), owner, Attrs.num(item, "leaseFence")));
        } catch (ConditionalCheckFailedException heldOrGone) {
            return Optional.empty();
        }
    }

    /** A linked account under this worker's lease: writes must name the owner and the fence. */
    public record Leased(StoredAccount stored, String owner, long fence) {
        @Override
        public String toString() {
            return "Leased[" + stored.account().id() + ", fence=" + fence + "]";
        }
    }

    /**
     * Writes the account as the lease holder: only if the lease is still ours (a worker whose
     * lease ran out while it waited on the provider writes nothing). The Put carries no lease
     * attributes, so writing also releases the lease.
     */
    LeasedWrite putUnderLease(LinkedAccount account, Credentials credentials, Leased lease) {
        Map<String, AttributeValue> item = toItem(account, credentials);
        return new LeasedWrite(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(item)
                .conditionExpression("leaseOwner = :owner AND leaseFence = :fence")
                .expressionAttributeValues(Map.of(":owner", s(lease.owner()), ":fence", Attrs.n(lease.fence())))
                .build()).build(), new StoredAccount(account, item));
    }

    /** The write, and the account exactly as it will be stored (no read-back needed). */
    record LeasedWrite(TransactWriteItem put, StoredAccount stored) {
    }

    /** Gives the lease back without changing anything (nothing was due after all). */
    void releaseLease(Leased lease) {
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                    .key(key(lease.stored().account().id()))
                    .updateExpression("REMOVE leaseOwner, leaseUntil")
                    .conditionExpression("leaseOwner = :owner AND leaseFence = :fence")
                    .expressionAttributeValues(Map.of(":owner", s(lease.owner()), ":fence", Attrs.n(lease.fence())))
                    .build());
        } catch (ConditionalCheckFailedException expiredAndTaken) {
            // our lease ran out and someone else holds it now: nothing of ours to release
        }
    }

    static boolean leaseHeld(Map<String, AttributeValue> item, Instant now) {
        return Attrs.optStr(item, "leaseUntil").map(Instant::parse).filter(until -> until.isAfter(now)).isPresent();
    }

    /**
     * Records use without a write per call: the update only happens when the stored value is
     * older than {@link #LAST_USED_GRANULARITY}. Best effort: a lost race or a failure is ignored.
     */
    public void touchLastUsed(LinkedAccount account, Instant now) {
        if (account.lastUsedAt() != null && account.lastUsedAt().isAfter(now.minus(LAST_USED_GRANULARITY))) {
            return;
        }
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name()).key(key(account.id()))
                    .updateExpression("SET lastUsedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :stale)")
                    .expressionAttributeValues(Map.of(":now", Attrs.time(now),
                            ":stale", Attrs.time(now.minus(LAST_USED_GRANULARITY))))
                    .build());
        } catch (ConditionalCheckFailedException alreadyFresh) {
            // another container recorded it
        }
    }

    private Map<String, AttributeValue> toItem(LinkedAccount a, Credentials credentials) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.id()));
        item.putAll(secrets.encrypt(key(a.id()), a.appId(), credentials.fields()));
        item.put("kind", s("linked_account"));
        item.put("linkedAccountId", s(a.id()));
        item.put("connector", s(a.connector()));
        item.put("authMethod", s(a.authMethod()));
        item.put("authType", s(a.authType().name()));
        item.put("endUserId", s(a.endUserId()));
        item.put("externalRef", s(a.externalRef()));
        item.put("status", s(a.status().name()));
        if (a.statusReason() != null) {
            item.put("statusReason", s(a.statusReason()));
        }
        if (!a.scopes().isEmpty()) {
            item.put("scopes", AttributeValue.fromL(a.scopes().stream().map(Attrs::s).toList()));
        }
        putTime(item, "expiresAt", a.expiresAt());
        putTime(item, "lastRefreshedAt", a.lastRefreshedAt());
        putTime(item, "lastUsedAt", a.lastUsedAt());
        if (!a.connectionConfig().isEmpty()) {
            item.put("connectionConfig", AttributeValue.fromM(a.connectionConfig().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        }
        item.put("createdAt", Attrs.time(a.createdAt()));
        item.put("updatedAt", Attrs.time(a.updatedAt()));
        item.put("version", Attrs.n(a.version()));
        item.put("gsi1pk", s("APP#" + a.appId() + "#LA"));
        item.put("gsi1sk", s(endUserPrefix(a.endUserId()) + "CONN#" + a.connector() + "#" + a.id()));
        item.put("gsi2pk", s("APP#" + a.appId() + "#CONN#" + a.connector()));
        item.put("gsi2sk", s(a.createdAt() + "#" + a.id()));
        if (a.nextDueAt() != null) {
            item.put("nextDueAt", Attrs.time(a.nextDueAt()));
            item.put("duePk", s(DueIndex.partition(a.nextDueAt(), a.id())));
            item.put("dueSk", s(DueIndex.sortKey(a.nextDueAt(), a.id())));
        }
        if (a.failures() > 0) {
            item.put("failures", Attrs.n(a.failures()));
        }
        return item;
    }

    /** Length-prefixed, so an end user id containing '#' cannot match another's prefix. */
    static String endUserPrefix(String endUserId) {
        return "EU#" + endUserId.length() + ":" + endUserId + "#";
    }

    static LinkedAccount toAccount(Map<String, AttributeValue> item) {
        return new LinkedAccount(
                Attrs.str(item, "linkedAccountId"), Attrs.str(item, "appId"), Attrs.str(item, "connector"),
                Attrs.str(item, "authMethod"), AuthType.valueOf(Attrs.str(item, "authType")),
                Attrs.str(item, "endUserId"), Attrs.optStr(item, "externalRef").orElse(""),
                LinkedAccountStatus.valueOf(Attrs.str(item, "status")), Attrs.optStr(item, "statusReason").orElse(null),
                item.containsKey("scopes") ? item.get("scopes").l().stream().map(AttributeValue::s).toList() : List.of(),
                time(item, "expiresAt"), time(item, "lastRefreshedAt"), time(item, "lastUsedAt"),
                item.containsKey("connectionConfig") ? item.get("connectionConfig").m().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())) : Map.of(),
                Attrs.instant(item, "createdAt"), Attrs.instant(item, "updatedAt"), Attrs.num(item, "version"),
                time(item, "nextDueAt"), item.containsKey("failures") ? (int) Attrs.num(item, "failures") : 0);
    }

    private static Instant time(Map<String, AttributeValue> item, String name) {
        return Attrs.optStr(item, name).map(Instant::parse).orElse(null);
    }

    private static void putTime(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, Attrs.time(value));
        }
    }

    private static Map<String, AttributeValue> refKey(String appId, String connector, String endUserId, String externalRef) {
        return Attrs.key("REF#" + appId + "#" + sha256(connector + "\u0000" + endUserId + "\u0000" + externalRef), "REF");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeywayException notFound(String id) {
        return KeywayException.notFound("no linked account " + id + " in this app");
    }
}
