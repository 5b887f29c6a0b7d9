package dev.keyway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The EventBridge shape of an auth event, documented in docs/events.md: {@code source}
 * {@value #SOURCE}, a {@code detail-type} per event type, and a {@code detail} built from the
 * event's allow-listed fields only. Pure: the publisher function does the sending.
 */
public final class AuditEvents {
    public static final String SOURCE = "keyway";
    /** The {@code kind} of auth-log items, which the stream filter selects on. */
    public static final String KIND = "auth_event";
    /** For a type this build does not know yet (a newer writer than publisher); rules can still match on {@code detail.type}. */
    public static final String FALLBACK_DETAIL_TYPE = "Auth Event";

    /** {@code <Entity> <what happened>}; every type in {@link AuthEventTypes} has one (a test holds them equal). */
    private static final Map<String, String> DETAIL_TYPES = Map.ofEntries(
            Map.entry(AuthEventTypes.APP_CREATED, "App Created"),
            Map.entry(AuthEventTypes.APP_LOG_RETENTION_CHANGED, "App Log Retention Changed"),
            Map.entry(AuthEventTypes.APP_KEY_CREATED, "AppKey Created"),
            Map.entry(AuthEventTypes.APP_KEY_REVOKED, "AppKey Revoked"),
            Map.entry(AuthEventTypes.CONNECTOR_SAVED, "Connector Saved"),
            Map.entry(AuthEventTypes.CONNECTOR_DELETED, "Connector Deleted"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_IMPORTED, "LinkedAccount Imported"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_UPDATED, "LinkedAccount Updated"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_DELETED, "LinkedAccount Deleted"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_REVOKED, "LinkedAccount Revoked"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_REVOCATION_FAILED, "LinkedAccount Revocation Failed"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_VERIFY_FAILED, "LinkedAccount Verification Failed"),
            Map.entry(AuthEventTypes.APP_SETTINGS_CHANGED, "App Settings Changed"),
            Map.entry(AuthEventTypes.CONNECT_SESSION_CREATED, "ConnectSession Created"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_CONNECTED, "LinkedAccount Connected"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_RECONNECTED, "LinkedAccount Reconnected"),
            Map.entry(AuthEventTypes.CONNECT_DENIED, "Connect Denied"),
            Map.entry(AuthEventTypes.CONNECT_FAILED, "Connect Failed"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_REFRESHED, "LinkedAccount Refreshed"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_REFRESH_FAILED, "LinkedAccount RefreshFailed"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_DEGRADED, "LinkedAccount Degraded"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_RECOVERED, "LinkedAccount Recovered"),
            Map.entry(AuthEventTypes.LINKED_ACCOUNT_NEEDS_REAUTH, "LinkedAccount NeedsReauth"),
            Map.entry(AuthEventTypes.MCP_SERVER_CREATED, "McpServer Created"),
            Map.entry(AuthEventTypes.MCP_SERVER_REVOKED, "McpServer Revoked"),
            Map.entry(AuthEventTypes.MCP_SERVER_TOKEN_ROTATED, "McpServer TokenRotated"),
            Map.entry(AuthEventTypes.MCP_CONNECTION_REQUIRED, "Mcp ConnectionRequired"),
            Map.entry(AuthEventTypes.MCP_CONNECTED_FROM_LINK, "Mcp ConnectedFromLink"));

    private AuditEvents() {
    }

    public static String detailType(String type) {
        return DETAIL_TYPES.getOrDefault(type, FALLBACK_DETAIL_TYPE);
    }

    /** Every known type and its detail-type. */
    public static Map<String, String> detailTypes() {
        return DETAIL_TYPES;
    }

    /**
     * The event's {@code detail}: {@code eventId, type, appId, occurredAt} always,
     * {@code linkedAccountId, endUserId, connector, actor} when the event has them, and
     * {@code details} (non-secret strings, possibly empty).
     */
    public static Map<String, Object> detail(AuthEvent event) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", event.id());
        detail.put("type", event.type());
        detail.put("appId", event.appId());
        detail.put("occurredAt", event.occurredAt().toString());
        putIfPresent(detail, "linkedAccountId", event.linkedAccountId());
        putIfPresent(detail, "endUserId", event.endUserId());
        putIfPresent(detail, "connector", event.connector());
        putIfPresent(detail, "actor", event.actor());
        detail.put("details", event.details());
        return detail;
    }

    /**
     * The auth event a stored item (or a stream image of one) records; empty for any other kind
     * of item. Reads an allow-list of attributes, never the whole item.
     */
    public static Optional<AuthEvent> fromImage(Map<String, AttributeValue> image) {
        AttributeValue kind = image == null ? null : image.get("kind");
        if (kind == null || !KIND.equals(kind.s())) {
            return Optional.empty();
        }
        return Optional.of(AuthLog.fromItem(image));
    }

    private static void putIfPresent(Map<String, Object> detail, String name, String value) {
        if (value != null) {
            detail.put(name, value);
        }
    }
}
