package dev.keyway.mcp;

import dev.keyway.crypto.TokenMacs.TokenMac;
import java.time.Instant;
import java.util.List;

/**
 * An MCP server: a URL an agent uses on behalf of one end user of one app, limited to some of
 * the app's connectors. Only a keyed hash of its token is stored.
 *
 * @param expiresAt null when the server does not expire
 */
public record McpServer(
        String id,
        String appId,
        String endUserId,
        List<String> connectors,
        String name,
        Instant createdAt,
        Instant expiresAt,
        Instant tokenRotatedAt,
        TokenMac tokenMac) {

    public McpServer {
        connectors = List.copyOf(connectors);
    }

    public boolean allows(String connector) {
        return connectors.contains(connector);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
