package dev.keyway.mcp;

import dev.keyway.core.Ids;
import java.util.regex.Pattern;

/** MCP server ids: {@code mcp_} + 128 random bits in base32, as every Keyway id. */
final class McpServerIds {
    static final String PREFIX = "mcp_";
    private static final Pattern FORMAT = Pattern.compile("mcp_[a-z2-7]{26}");

    private McpServerIds() {
    }

    static String generate() {
        return Ids.newId("mcp");
    }

    static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
