package dev.keyway.mcp;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The {@link dev.keyway.crypto.TokenMacs} of MCP session ids (their own derived key). */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
public @interface McpSessionMacs {
}
