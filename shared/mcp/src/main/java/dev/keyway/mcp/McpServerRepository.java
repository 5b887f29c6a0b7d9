package dev.keyway.mcp;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.crypto.TokenMacs.TokenMac;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.Cursors;
import dev.keyway.storage.KeywayTable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * MCP servers: {@code MCP#<id>/MCP}, listed per app through {@code gsi1}
 * ({@code APP#<appId>#MCP}, newest last by {@code <createdAt>#<id>}). A revoked server is
 * deleted, so the next request that names it finds nothing.
 */
@Singleton
public final class McpServerRepository {
    /** An expired server is kept this long (TTL) so a listing can still show why its URL stopped working. */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(7);
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public record Page(List<McpServer> items, String nextCursor) {
    }

    private final KeywayTable table;

    @Inject
    public McpServerRepository(KeywayTable table) {
        this.table = table;
    }

    static Map<String, AttributeValue> key(String id) {
        return Attrs.key("MCP#" + id, "MCP");
    }

    static String listPartition(String appId) {
        return "APP#" + appId + "#MCP";
    }

    public Optional<McpServer> find(String id) {
        var item = table.client().getItem(GetItemRequest.builder().tableName(table.name()).key(key(id))
                .consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toServer(item));
    }

    public Page list(String appId, String cursor, int limit) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(listPartition(appId)))).limit(limit);
        if (cursor != null) {
            request.exclusiveStartKey(Cursors.decodeKey(cursor, "gsi1pk", listPartition(appId)));
        }
        var response = table.client().query(request.build());
        return new Page(response.items().stream().map(McpServerRepository::toServer).toList(),
                Cursors.encodeKey(response.lastEvaluatedKey()));
    }

    TransactWriteItem create(McpServer server) {
        Map<String, AttributeValue> item = new HashMap<>(key(server.id()));
        item.put("kind", s("mcp_server"));
        item.put("appId", s(server.appId()));
        item.put("endUserId", s(server.endUserId()));
        item.put("connectors", AttributeValue.fromL(server.connectors().stream().map(Attrs::s).toList()));
        if (server.name() != null) {
            item.put("name", s(server.name()));
        }
        item.put("createdAt", Attrs.time(server.createdAt()));
        if (server.expiresAt() != null) {
            item.put("expiresAt", Attrs.time(server.expiresAt()));
            item.put("ttl", Attrs.n(server.expiresAt().plus(KEEP_AFTER_EXPIRY).getEpochSecond()));
        }
        item.put("tokenKeyId", s(server.tokenMac().keyId()));
        item.put("tokenMac", s(server.tokenMac().hex()));
        item.put("gsi1pk", s(listPartition(server.appId())));
        item.put("gsi1sk", s(FIXED.format(server.createdAt()) + "#" + server.id()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Deletes the server if it belongs to {@code appId} (else the transaction's condition fails). */
    TransactWriteItem delete(String appId, String id) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name()).key(key(id))
                .conditionExpression("appId = :app").expressionAttributeValues(Map.of(":app", s(appId))).build())
                .build();
    }

    /** Replaces the token's MAC if the server belongs to {@code appId}: the old token stops working at once. */
    TransactWriteItem rotate(String appId, String id, TokenMac mac, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(id))
                .conditionExpression("appId = :app")
                .updateExpression("SET tokenKeyId = :kid, tokenMac = :mac, tokenRotatedAt = :at")
                .expressionAttributeValues(Map.of(":app", s(appId), ":kid", s(mac.keyId()), ":mac", s(mac.hex()),
                        ":at", Attrs.time(at))).build()).build();
    }

    private static McpServer toServer(Map<String, AttributeValue> item) {
        String pk = Attrs.str(item, "pk");
        return new McpServer(pk.substring("MCP#".length()), Attrs.str(item, "appId"), Attrs.str(item, "endUserId"),
                item.get("connectors").l().stream().map(AttributeValue::s).toList(),
                Attrs.optStr(item, "name").orElse(null), Attrs.instant(item, "createdAt"),
                item.containsKey("expiresAt") ? Attrs.instant(item, "expiresAt") : null,
                item.containsKey("tokenRotatedAt") ? Attrs.instant(item, "tokenRotatedAt") : null,
                new TokenMac(Attrs.str(item, "tokenKeyId"), Attrs.str(item, "tokenMac")));
    }
}
