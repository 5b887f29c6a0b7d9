package dev.keyway.connectors;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.connectors.definition.ConnectorDefinition;
import dev.keyway.connectors.definition.ConnectorJson;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.Cursors;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Connectors: {@code pk=APP#<appId>}, {@code sk=CONNECTOR#<connectorKey>}. Client secrets live
 * only in the item's encrypted {@code secrets} map, under credential type
 * {@code clientSecret/<authMethodId>}; the {@code definition} attribute is non-secret JSON.
 */
@Singleton
public final class ConnectorRepository {
    static final String SK_PREFIX = "CONNECTOR#";
    private static final String CLIENT_SECRET = "clientSecret/";

    /** One page of a listing. */
    public record Page(List<StoredConnector> items, String nextCursor) {
    }

    private final KeywayTable table;
    private final EncryptedSecrets secrets;

    @Inject
    public ConnectorRepository(KeywayTable table, EncryptedSecrets secrets) {
        this.table = table;
        this.secrets = secrets;
    }

    private static Map<String, AttributeValue> key(String appId, String connectorKey) {
        return Attrs.key("APP#" + appId, SK_PREFIX + connectorKey);
    }

    public Optional<StoredConnector> find(String appId, String connectorKey) {
        var item = table.client().getItem(GetItemRequest.builder()
                .tableName(table.name()).key(key(appId, connectorKey)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStored(item));
    }

    public Page list(String appId, String cursor, int limit) {
        var request = QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s("APP#" + appId), ":prefix", s(SK_PREFIX)))
                .limit(limit);
        if (cursor != null) {
            request.exclusiveStartKey(Attrs.key("APP#" + appId, Cursors.decode(cursor, SK_PREFIX)));
        }
        var response = table.client().query(request.build());
        return new Page(response.items().stream().map(ConnectorRepository::toStored).toList(),
                Cursors.encode(response.lastEvaluatedKey(), "sk"));
    }

    /** Client secrets of a stored connector by auth method id; only for trusted code paths. */
    public Map<String, String> clientSecrets(StoredConnector stored) {
        return secrets.decrypt(stored.item()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(CLIENT_SECRET))
                .collect(Collectors.toMap(e -> e.getKey().substring(CLIENT_SECRET.length()), Map.Entry::getValue));
    }

    /**
     * The Put for a new or changed connector: created only if absent ({@code previous} empty),
     * otherwise only if still at the version that was read.
     */
    TransactWriteItem put(String appId, ConnectorDefinition definition, Map<String, String> clientSecrets,
                          Optional<StoredConnector> previous, Instant now) {
        Map<String, String> plaintexts = clientSecrets.entrySet().stream()
                .collect(Collectors.toMap(e -> CLIENT_SECRET + e.getKey(), Map.Entry::getValue));
        Map<String, AttributeValue> item = new HashMap<>(key(appId, definition.key()));
        item.putAll(secrets.encrypt(key(appId, definition.key()), appId, plaintexts));
        item.put("kind", s("connector"));
        item.put("connectorKey", s(definition.key()));
        item.put("definition", s(ConnectorJson.toStorageJson(definition)));
        item.put("version", Attrs.n(previous.map(p -> p.version() + 1).orElse(1L)));
        item.put("createdAt", s(previous.map(StoredConnector::createdAt).orElse(now.toString())));
        item.put("updatedAt", Attrs.time(now));
        Put.Builder put = Put.builder().tableName(table.name()).item(item);
        if (previous.isEmpty()) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", Attrs.n(previous.get().version())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    TransactWriteItem delete(String appId, String connectorKey) {
        return TransactWriteItem.builder().delete(Delete.builder()
                .tableName(table.name()).key(key(appId, connectorKey))
                .conditionExpression("attribute_exists(pk)").build()).build();
    }

    private static StoredConnector toStored(Map<String, AttributeValue> item) {
        AttributeValue secretMap = item.get(EncryptedSecrets.SECRETS);
        var withSecret = secretMap == null || !secretMap.hasM() ? java.util.Set.<String>of()
                : secretMap.m().keySet().stream()
                        .filter(k -> k.startsWith(CLIENT_SECRET))
                        .map(k -> k.substring(CLIENT_SECRET.length()))
                        .collect(Collectors.toUnmodifiableSet());
        return new StoredConnector(ConnectorJson.fromStorageJson(Attrs.str(item, "definition")), withSecret,
                Attrs.num(item, "version"), Attrs.str(item, "createdAt"), Attrs.str(item, "updatedAt"), item);
    }
}
