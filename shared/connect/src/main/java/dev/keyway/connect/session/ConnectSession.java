package dev.keyway.connect.session;

import java.time.Instant;
import java.util.List;

/**
 * A short-lived, scoped permission for a browser to run connection flows for one end user of
 * one app, without the app key. Only the token's hash is stored; {@code id} is that hash.
 *
 * @param allowedConnectors the connectors the session may use; empty = every connector of the app
 * @param linkedAccountId   set for a reconnect session: its flow updates that account and keeps its id
 * @param returnUrl         where a redirect-mode flow ends (on one of the app's allowed origins); may be null
 * @param result            the outcome of the last flow, for a client that lost the popup's message; may be null
 * @param activity          signs that a flow is under way in a window the app's page may not see; never null
 * @param mcpServerId       set when an MCP server's inline link minted the session: its connection is also
 *                          recorded as {@code mcp.connected_from_link}; may be null
 */
public record ConnectSession(
        String id,
        String appId,
        String endUserId,
        List<String> allowedConnectors,
        String linkedAccountId,
        String returnUrl,
        Instant createdAt,
        Instant expiresAt,
        Result result,
        Activity activity,
        String mcpServerId) {

    public ConnectSession {
        allowedConnectors = allowedConnectors == null ? List.of() : List.copyOf(allowedConnectors);
        activity = activity == null ? Activity.NONE : activity;
    }

    /** What the last flow of this session ended with: a linked account, or an error code. */
    public record Result(String status, String linkedAccountId, String connector, String error, Instant at) {
        public static final String CONNECTED = "connected";
        public static final String FAILED = "failed";
    }

    /**
     * Where the session's flow was last seen, for an SDK whose popup handle was cut off by a
     * Cross-Origin-Opener-Policy and reads as closed while the user is still in it.
     *
     * @param portalSeenAt  the last heartbeat of a portal page (its script sends one every few seconds); may be null
     * @param providerUntil set when an OAuth flow went to the provider: until its state expires or the flow ends; may be null
     * @param cutOff        a portal page opened as a popup found no opener: the app's page cannot see the popup
     */
    public record Activity(Instant portalSeenAt, Instant providerUntil, boolean cutOff) {
        public static final Activity NONE = new Activity(null, null, false);

        public boolean atProvider(Instant now) {
            return providerUntil != null && providerUntil.isAfter(now);
        }
    }

    public boolean allows(String connector) {
        return allowedConnectors.isEmpty() || allowedConnectors.contains(connector);
    }

    public boolean reconnect() {
        return linkedAccountId != null;
    }
}
