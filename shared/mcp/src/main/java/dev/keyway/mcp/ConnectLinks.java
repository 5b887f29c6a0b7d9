package dev.keyway.mcp;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.connect.session.ConnectSession;
import dev.keyway.connect.session.ConnectSessionRepository;
import dev.keyway.connect.session.ConnectSessionService;
import dev.keyway.connect.session.SessionTokens;
import dev.keyway.http.Log;
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
 * so the MCP server's token never leaves the agent and the browser never sees it.
 */
@Singleton
public final class ConnectLinks {
    /** Why the call needed a connection; also the value of {@code details.reason} in the auth log. */
    public enum Reason { NOT_CONNECTED, NEEDS_REAUTH }

    public record Link(String connector, String connectUrl, String expiresAt, Reason reason) {
        @Override
        public String toString() {
            return "Link[connector=" + connector + ", reason=" + reason + "]";
        }
    }

    private final ConnectSessionService sessions;
    private final ConnectSessionRepository sessionRecords;
    private final McpServerRepository servers;
    private final AuthLog authLog;
    private final KeywayTable table;

    @Inject
    public ConnectLinks(ConnectSessionService sessions, ConnectSessionRepository sessionRecords,
                        McpServerRepository servers, AuthLog authLog, KeywayTable table) {
        this.sessions = sessions;
        this.sessionRecords = sessionRecords;
        this.servers = servers;
        this.authLog = authLog;
        this.table = table;
    }

    /** A connect link for {@code connector}, or a reconnect link for {@code stale} when it is given. */
    public Link mint(McpServer server, String connector, String tool, LinkedAccount stale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endUserId", server.endUserId());
        body.put("allowedConnectors", List.of(connector));
        if (stale != null) {
            body.put("linkedAccountId", stale.id());
        }
        // The session's own auth-log entry (connect_session.created) names this server as its actor.
        var created = sessions.create(server.appId(), Json.write(body), "mcp:" + server.id());
        Reason reason = stale == null ? Reason.NOT_CONNECTED : Reason.NEEDS_REAUTH;
        var event = authLog.event(server.appId(), AuthEventTypes.MCP_CONNECTION_REQUIRED).actor("mcp:" + server.id())
                .linkedAccount(stale == null ? null : stale.id(), server.endUserId()).connector(connector)
                .detail("mcpServerId", server.id()).detail("tool", tool)
                .detail("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .build();
        Transactions.write(table, List.of(authLog.entry(event),
                servers.rememberLink(server, connector, SessionTokens.hash(created.token()))));
        return new Link(connector, created.connectUrl(), created.expiresAt(), reason);
    }

    /**
     * Called when a tool call found a usable account: if the connector's last link was used (its
     * session ended connected), records {@code mcp.connected_from_link} once and forgets the link.
     * Best effort: the tool call goes on whatever happens here.
     */
    public void settle(McpServer server, String connector) {
        String sessionId = server.pendingLinks().get(connector);
        if (sessionId == null) {
            return;
        }
        try {
            var result = sessionRecords.find(sessionId).map(ConnectSession::result)
                    .filter(r -> ConnectSession.Result.CONNECTED.equals(r.status()));
            if (result.isEmpty()) {
                return; // not used (yet), or gone with its TTL: the link stays until a newer one replaces it
            }
            var event = authLog.event(server.appId(), AuthEventTypes.MCP_CONNECTED_FROM_LINK)
                    .actor("mcp:" + server.id()).linkedAccount(result.get().linkedAccountId(), server.endUserId())
                    .connector(connector).detail("mcpServerId", server.id())
                    .detail("connectedAt", result.get().at().toString()).build();
            Transactions.write(table, List.of(servers.forgetLink(server, connector, sessionId), authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            // A concurrent call recorded it first.
        } catch (RuntimeException e) {
            Log.warn("mcp_link_not_settled", Map.of("mcpServerId", server.id(), "exception", e.getClass().getName()));
        }
    }
}
