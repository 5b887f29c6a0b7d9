package dev.keyway.apps;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.storage.Attrs;
import dev.keyway.storage.KeywayTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Apps ({@code pk=APP#<appId>, sk=APP}) and their secret keys
 * ({@code pk=APPKEY#<sha256>, sk=APPKEY}, listed per app via {@code gsi1pk=APP#<appId>#KEYS}).
 * The key item is addressed by the hash, so the authorizer needs exactly one GetItem.
 */
@Singleton
public final class AppRepository {
    private final KeywayTable table;

    @Inject
    public AppRepository(KeywayTable table) {
        this.table = table;
    }

    static Map<String, AttributeValue> appKey(String appId) {
        return Attrs.key("APP#" + appId, "APP");
    }

    static Map<String, AttributeValue> secretKeyKey(String hash) {
        return Attrs.key("APPKEY#" + hash, "APPKEY");
    }

    public Optional<App> find(String appId) {
        var item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name()).key(appKey(appId)).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toApp(item));
    }

    public Optional<AppKey> findKeyByHash(String hash) {
        // Consistent read: a revoked key must stop working at once.
        var item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name()).key(secretKeyKey(hash)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toKey(item));
    }

    public List<AppKey> keys(String appId) {
        return table.client().queryPaginator(QueryRequest.builder()
                        .tableName(table.name()).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s("APP#" + appId + "#KEYS")))
                        .build())
                .items().stream().map(AppRepository::toKey).toList();
    }

    /** The hash of a key, for revoking by key id; the listing is small (a handful of keys). */
    Optional<String> hashOf(String appId, String keyId) {
        return table.client().queryPaginator(QueryRequest.builder()
                        .tableName(table.name()).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s("APP#" + appId + "#KEYS")))
                        .build())
                .items().stream()
                .filter(item -> keyId.equals(Attrs.str(item, "keyId")))
                .map(item -> Attrs.str(item, "pk").substring("APPKEY#".length()))
                .findFirst();
    }

    TransactWriteItem putApp(App app) {
        Map<String, AttributeValue> item = new HashMap<>(appKey(app.id()));
        item.put("kind", s("app"));
        item.put("appId", s(app.id()));
        item.put("name", s(app.name()));
        item.put("localMode", Attrs.bool(app.localMode()));
        item.put("createdAt", Attrs.time(app.createdAt()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Replaces the app's allowed origins; the app must exist. */
    TransactWriteItem setAllowedOrigins(String appId, List<String> origins) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name()).key(appKey(appId))
                .updateExpression("SET allowedOrigins = :origins")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":origins",
                        AttributeValue.fromL(origins.stream().map(Attrs::s).toList())))
                .build()).build();
    }

    TransactWriteItem appExists(String appId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table.name()).key(appKey(appId))
                .conditionExpression("attribute_exists(pk)").build()).build();
    }

    TransactWriteItem putKey(String hash, AppKey key) {
        Map<String, AttributeValue> item = new HashMap<>(secretKeyKey(hash));
        item.put("kind", s("app_key"));
        item.put("keyId", s(key.keyId()));
        item.put("appId", s(key.appId()));
        item.put("hint", s(key.hint()));
        item.put("status", s(key.status().name()));
        item.put("createdAt", Attrs.time(key.createdAt()));
        item.put("gsi1pk", s("APP#" + key.appId() + "#KEYS"));
        item.put("gsi1sk", s(key.createdAt() + "#" + key.keyId()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    TransactWriteItem revokeKey(String hash, String appId, java.time.Instant at) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table.name()).key(secretKeyKey(hash))
                .updateExpression("SET #status = :revoked, revokedAt = :at")
                .conditionExpression("appId = :app AND #status = :active")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":revoked", s("REVOKED"), ":active", s("ACTIVE"),
                        ":app", s(appId), ":at", Attrs.time(at)))
                .build()).build();
    }

    private static App toApp(Map<String, AttributeValue> item) {
        List<String> origins = item.containsKey("allowedOrigins")
                ? item.get("allowedOrigins").l().stream().map(AttributeValue::s).toList() : List.of();
        return new App(Attrs.str(item, "appId"), Attrs.str(item, "name"), Attrs.flag(item, "localMode"),
                Attrs.instant(item, "createdAt"), origins);
    }

    private static AppKey toKey(Map<String, AttributeValue> item) {
        return new AppKey(Attrs.str(item, "keyId"), Attrs.str(item, "appId"), Attrs.str(item, "hint"),
                AppKey.Status.valueOf(Attrs.str(item, "status")), Attrs.instant(item, "createdAt"),
                Attrs.optStr(item, "revokedAt").map(java.time.Instant::parse).orElse(null));
    }
}
