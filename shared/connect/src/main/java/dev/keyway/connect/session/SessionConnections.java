package dev.keyway.connect.session;

import dev.keyway.linkedaccounts.ConnectionGrant;
import dev.keyway.linkedaccounts.CredentialImportService;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Stores what a connection flow of a session produced (portal form, OAuth callback, SDK form)
 * and records the session's result in the same transaction, so a client polling the session
 * sees the linked account exactly when it exists.
 */
@Singleton
public final class SessionConnections {
    private final CredentialImportService connections;
    private final ConnectSessionRepository sessions;
    private final Clock clock;

    @Inject
    public SessionConnections(CredentialImportService connections, ConnectSessionRepository sessions, Clock clock) {
        this.connections = connections;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The linked account's id. */
    public String connect(String appId, String sessionId, ConnectionGrant grant) {
        var stored = connections.connect(appId, grant, id -> List.of(sessions.recordResult(sessionId,
                new ConnectSession.Result(ConnectSession.Result.CONNECTED, id, grant.connector(), null, clock.instant()))),
                "end_user");
        return stored.linkedAccount().id();
    }
}
