package dev.keyway.mcp;

import dagger.Module;
import dagger.Provides;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.crypto.TokenMacs;
import javax.inject.Singleton;

/**
 * The keyed hash of MCP server tokens, keyed from the master key set in Secrets Manager (the
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
}
