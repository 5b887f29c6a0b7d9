package dev.keyway.mcp;

import dev.keyway.core.Ids;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MCP server tokens: {@code mcps_} + the server id's 26 characters (its 128 random bits) + 256
 * random bits, all lower-case base32. The id inside lets a request find its server with one
 * GetItem; the stored keyed hash of the whole token is then compared in constant time, so a
 * lookup never depends on secret bytes and a table dump cannot test a guess.
 */
public final class ServerTokens {
    static final String PREFIX = "mcps_";
    static final int ID_CHARS = 26;
    static final int SECRET_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("mcps_[a-z2-7]{78}");

    private ServerTokens() {
    }

    /** A new token for the server {@code serverId} ({@code mcp_} + 26 characters). */
    static String generate(String serverId) {
        return PREFIX + serverId.substring(McpServerIds.PREFIX.length()) + Ids.newToken("", SECRET_BYTES);
    }

    public static boolean isWellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The server a well-formed token names; empty for anything else (checked before any lookup). */
    static Optional<String> serverId(String token) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        return Optional.of(McpServerIds.PREFIX + token.substring(PREFIX.length(), PREFIX.length() + ID_CHARS));
    }
}
