package dev.keyway.mcp;

import dagger.Module;
import dagger.Provides;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.crypto.TokenMacs;
import javax.inject.Singleton;

/**
 * The keyed hashes of MCP server tokens and session ids, keyed from the master key set in Secrets Manager (the
 * same secret that protects credentials, under a key derived for this purpose only). Nothing is
 * read when the graph is built.
 */
@Module
public final class McpModule {
    private McpModule() {
    }

    @Provides
    @Singleton
    @McpTokenMacs
    static TokenMacs serverTokenMacs(SecretsManagerKeySetSource source) {
        return new TokenMacs(source, "mcp-server-token");
    }

    /** Signs the Mcp-Session-Id values (ClientSessions), under a key of their own. */
    @Provides
    @Singleton
    @McpSessionMacs
    static TokenMacs sessionMacs(SecretsManagerKeySetSource source) {
        return new TokenMacs(source, "mcp-session-id");
    }
}
