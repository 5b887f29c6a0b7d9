package dev.keyway.mcp;

import dev.keyway.core.Ids;
import dev.keyway.crypto.TokenMacs;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code Mcp-Session-Id} values of this stateless server: what a client declared at
 * {@code initialize}, signed, for the requests that follow.
 *
 * <p>A client states its capabilities (here: URL-mode elicitation, MCP 2025-11-25) only in
 * {@code initialize}; its {@code tools/call} may reach another container that never saw it.
 * Remembering the last declaration on the MCP server item would be wrong as soon as two clients
 * share one server URL (a desktop agent and a CLI, an old and a new version): whichever
 * initialized last would decide how the other is answered, and a client that cannot handle error
 * -32042 would lose the link. The Streamable HTTP transport already has the per-client channel:
 * a session id the server issues with the initialize answer and the client echoes on every later
 * request. So the id itself states the declaration, with an HMAC (a key derived for this purpose)
 * over it and the server's id: nothing is stored, each client is answered by what it declared,
 * and an id cannot be moved to another server nor edited to claim a capability.
 *
 * <p>Format: {@code ks1.<url|none>.<nonce>.<keyId>.<mac>}, visible ASCII as the spec requires.
 */
@Singleton
public final class ClientSessions {
    public static final String HEADER = "mcp-session-id";
    /** The transport context entry a tool reads: {@link Boolean#TRUE} when its client declared URL elicitation. */
    public static final String URL_ELICITATION = "urlElicitation";
    private static final String VERSION = "ks1";
    private static final Pattern FORMAT = Pattern.compile("ks1\\.(url|none)\\.[a-z2-7]{26}\\.[A-Za-z0-9_-]{1,32}\\.[0-9a-f]{64}");

    /** What a client declared at initialize, as far as this server acts on it. */
    public record Declared(boolean urlElicitation) {
        public static final Declared NOTHING = new Declared(false);

        /**
         * URL elicitation counts only with protocol 2025-11-25 or later negotiated: an older
         * revision has no error -32042, whatever the capabilities object says.
         */
        public static Declared of(McpSchema.InitializeRequest request, McpSchema.InitializeResult result) {
            boolean url = request.capabilities() != null && request.capabilities().elicitation() != null
                    && request.capabilities().elicitation().url() != null
                    && result.protocolVersion() != null
                    && result.protocolVersion().compareTo(ProtocolVersions.MCP_2025_11_25) >= 0;
            return new Declared(url);
        }
    }

    private final TokenMacs macs;

    @Inject
    public ClientSessions(@McpSessionMacs TokenMacs macs) {
        this.macs = macs;
    }

    /** A new session id for a client of {@code serverId} that declared {@code declared}. */
    public String issue(String serverId, Declared declared) {
        String payload = VERSION + "." + (declared.urlElicitation() ? "url" : "none") + "." + Ids.newToken("", 16);
        TokenMacs.TokenMac mac = macs.mac(signed(serverId, payload));
        return payload + "." + mac.keyId() + "." + mac.hex();
    }

    /** What the session id says, if this server issued it; empty for anything else (then the client must re-initialize). */
    public Optional<Declared> verify(String serverId, String sessionId) {
        if (sessionId == null || !FORMAT.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        String[] parts = sessionId.split("\\.");
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        if (!macs.matches(signed(serverId, payload), new TokenMacs.TokenMac(parts[3], parts[4]))) {
            return Optional.empty();
        }
        return Optional.of(new Declared("url".equals(parts[1])));
    }

    /** Whether the client behind this request declared URL elicitation (false when it sent no session id). */
    public static boolean urlElicitation(McpTransportContext context) {
        return context != null && Boolean.TRUE.equals(context.get(URL_ELICITATION));
    }

    private static String signed(String serverId, String payload) {
        return serverId + "|" + payload;
    }
}
