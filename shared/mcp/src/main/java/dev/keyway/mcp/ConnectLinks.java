package dev.keyway.mcp;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.connect.session.ConnectSessionService;
import dev.keyway.core.Ids;
import dev.keyway.core.Json;
import dev.keyway.linkedaccounts.LinkedAccount;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Inline authentication: a tool call that has no usable linked account gets a link the agent
 * shows its user. The link is an ordinary connect session (a reconnect session when the account
 * exists but needs re-authentication), minted for the server's end user and that one connector,
 * so the MCP server's token never leaves the agent and the browser never sees it. The session
 * carries the server's id: the connection it leads to records {@code mcp.connected_from_link}
 * itself, in the linked account's transaction (SessionConnections).
 */
@Singleton
public final class ConnectLinks {
    /** Why the call needed a connection; also the value of {@code details.reason} in the auth log. */
    public enum Reason { NOT_CONNECTED, NEEDS_REAUTH }

    /** @param elicitationId names this link in a URL-mode elicitation and in its auth-log entry */
    public record Link(String connector, String connectUrl, String expiresAt, Reason reason, String elicitationId) {
        @Override
        public String toString() {
            return "Link[connector=" + connector + ", reason=" + reason + "]";
        }
    }

    private final ConnectSessionService sessions;
    private final AuthLog authLog;
    private final KeywayTable table;

    @Inject
    public ConnectLinks(ConnectSessionService sessions, AuthLog authLog, KeywayTable table) {
        this.sessions = sessions;
        this.authLog = authLog;
        this.table = table;
    }

    /**
     * A connect link for {@code connector}, or a reconnect link for {@code stale} when it is given.
     * {@code byElicitation}: the client gets it as a URL-mode elicitation rather than a tool result.
     */
    public Link mint(McpServer server, String connector, String tool, LinkedAccount stale, boolean byElicitation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endUserId", server.endUserId());
        body.put("allowedConnectors", List.of(connector));
        if (stale != null) {
            body.put("linkedAccountId", stale.id());
        }
        // The session's own auth-log entry (connect_session.created) names this server as its actor.
        var created = sessions.create(server.appId(), Json.write(body), "mcp:" + server.id(), server.id());
        String elicitationId = Ids.newToken("el_", 16);
        Reason reason = stale == null ? Reason.NOT_CONNECTED : Reason.NEEDS_REAUTH;
        var event = authLog.event(server.appId(), AuthEventTypes.MCP_CONNECTION_REQUIRED).actor("mcp:" + server.id())
                .linkedAccount(stale == null ? null : stale.id(), server.endUserId()).connector(connector)
                .detail("mcpServerId", server.id()).detail("tool", tool)
                .detail("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .detail("delivery", byElicitation ? "url_elicitation" : "tool_result")
                .detail("elicitationId", elicitationId)
                .build();
        Transactions.write(table, List.of(authLog.entry(event)));
        return new Link(connector, created.connectUrl(), created.expiresAt(), reason, elicitationId);
    }
}
