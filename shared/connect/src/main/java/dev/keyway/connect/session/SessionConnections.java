package dev.keyway.connect.session;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.linkedaccounts.ConnectionGrant;
import dev.keyway.linkedaccounts.CredentialImportService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Stores what a connection flow of a session produced (portal form, OAuth callback, SDK form)
 * and records the session's result in the same transaction, so a client polling the session
 * sees the linked account exactly when it exists. A session an MCP server's inline link minted
 * also gets its {@code mcp.connected_from_link} entry in that transaction: the agent's next tool
 * call, whenever it comes, finds the connection and its record already there.
 */
@Singleton
public final class SessionConnections {
    private final CredentialImportService connections;
    private final ConnectSessionRepository sessions;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public SessionConnections(CredentialImportService connections, ConnectSessionRepository sessions, AuthLog authLog,
                              Clock clock) {
        this.connections = connections;
        this.sessions = sessions;
        this.authLog = authLog;
        this.clock = clock;
    }

    /** The linked account's id. */
    public String connect(String appId, String sessionId, ConnectionGrant grant) {
        Optional<String> mcpServerId = sessions.find(sessionId).map(ConnectSession::mcpServerId);
        Instant at = clock.instant();
        var stored = connections.connect(appId, grant, id -> {
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(sessions.recordResult(sessionId,
                    new ConnectSession.Result(ConnectSession.Result.CONNECTED, id, grant.connector(), null, at)));
            mcpServerId.ifPresent(server -> items.add(authLog.entry(authLog.event(appId,
                            AuthEventTypes.MCP_CONNECTED_FROM_LINK).actor("mcp:" + server)
                    .linkedAccount(id, grant.endUserId()).connector(grant.connector())
                    .detail("mcpServerId", server).detail("flow", grant.flow()).build())));
            return items;
        }, "end_user");
        return stored.linkedAccount().id();
    }
}
