package dev.keyway.connect.session;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.storage.Attrs;
import dev.keyway.storage.KeywayTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Connect sessions, keyed by the token's hash ({@code CS#<sha256>}). DynamoDB's TTL deletes them
 * some time after {@code ttl}; until then a read checks {@code expiresAt} itself.
 */
@Singleton
public final class ConnectSessionRepository {
    private final KeywayTable table;

    @Inject
    public ConnectSessionRepository(KeywayTable table) {
        this.table = table;
    }

    static Map<String, AttributeValue> key(String id) {
        return Attrs.key("CS#" + id, "CS");
    }

    /** The live session a token names; empty for an unknown, malformed or expired token. */
    public Optional<ConnectSession> findLive(String token, Instant now) {
        if (!SessionTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        var item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(key(SessionTokens.hash(token))).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        ConnectSession session = toSession(item);
        return session.expiresAt().isAfter(now) ? Optional.of(session) : Optional.empty();
    }

    /** A session by its id (the token's hash), expired or not, until DynamoDB's TTL removes it: for reading its result. */
    public Optional<ConnectSession> find(String id) {
        var item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(key(id)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSession(item));
    }

    TransactWriteItem create(ConnectSession s) {
        Map<String, AttributeValue> item = new HashMap<>(key(s.id()));
        item.put("kind", s("connect_session"));
        item.put("appId", s(s.appId()));
        item.put("endUserId", s(s.endUserId()));
        if (!s.allowedConnectors().isEmpty()) {
            item.put("allowedConnectors", AttributeValue.fromL(s.allowedConnectors().stream().map(Attrs::s).toList()));
        }
        if (s.linkedAccountId() != null) {
            item.put("linkedAccountId", s(s.linkedAccountId()));
        }
        if (s.returnUrl() != null) {
            item.put("returnUrl", s(s.returnUrl()));
        }
        if (s.mcpServerId() != null) {
            item.put("mcpServerId", s(s.mcpServerId()));
        }
        item.put("createdAt", Attrs.time(s.createdAt()));
        item.put("expiresAt", Attrs.time(s.expiresAt()));
        item.put("ttl", Attrs.n(s.expiresAt().getEpochSecond()));
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * A portal page of the session is open: its heartbeat. {@code cutOff}: the page is a popup
     * without an opener (sticks for the session). A no-op for a session that is gone.
     */
    public void portalSeen(String sessionId, Instant now, boolean cutOff) {
        mark(sessionId, "portalSeenAt", now, cutOff ? ", popupCutOff = :true" : "");
    }

    /** An OAuth flow of the session went to the provider and may come back until {@code until}. */
    public void atProvider(String sessionId, Instant until) {
        mark(sessionId, "providerUntil", until, "");
    }

    private void mark(String sessionId, String attribute, Instant at, String alsoSet) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", Attrs.time(at));
        if (!alsoSet.isEmpty()) {
            values.put(":true", AttributeValue.fromBool(true));
        }
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name()).key(key(sessionId))
                    .updateExpression("SET #a = :at" + alsoSet).conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException e) {
            // The session expired and TTL took it: nothing is waiting for this signal any more.
        }
    }

    /**
     * Records how the session's latest flow ended, in the same transaction as that outcome. The
     * flow is no longer at the provider, whatever it was.
     */
    public TransactWriteItem recordResult(String sessionId, ConnectSession.Result result) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(result.status()));
        values.put(":at", Attrs.time(result.at()));
        values.put(":la", s(result.linkedAccountId() == null ? "" : result.linkedAccountId()));
        values.put(":connector", s(result.connector() == null ? "" : result.connector()));
        values.put(":error", s(result.error() == null ? "" : result.error()));
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(sessionId))
                .updateExpression("SET resultStatus = :status, resultAt = :at, resultLinkedAccountId = :la,"
                        + " resultConnector = :connector, resultError = :error REMOVE providerUntil")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(values).build()).build();
    }

    private static ConnectSession toSession(Map<String, AttributeValue> item) {
        List<String> allowed = item.containsKey("allowedConnectors")
                ? item.get("allowedConnectors").l().stream().map(AttributeValue::s).toList() : List.of();
        ConnectSession.Result result = Attrs.optStr(item, "resultStatus").map(status -> new ConnectSession.Result(status,
                blankToNull(Attrs.str(item, "resultLinkedAccountId")), blankToNull(Attrs.str(item, "resultConnector")),
                blankToNull(Attrs.str(item, "resultError")), Attrs.instant(item, "resultAt"))).orElse(null);
        String pk = Attrs.str(item, "pk");
        return new ConnectSession(pk.substring("CS#".length()), Attrs.str(item, "appId"), Attrs.str(item, "endUserId"),
                allowed, Attrs.optStr(item, "linkedAccountId").orElse(null), Attrs.optStr(item, "returnUrl").orElse(null),
                Attrs.instant(item, "createdAt"), Attrs.instant(item, "expiresAt"), result,
                new ConnectSession.Activity(optInstant(item, "portalSeenAt"), optInstant(item, "providerUntil"),
                        item.containsKey("popupCutOff") && Boolean.TRUE.equals(item.get("popupCutOff").bool())),
                Attrs.optStr(item, "mcpServerId").orElse(null));
    }

    private static Instant optInstant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Attrs.instant(item, name) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
