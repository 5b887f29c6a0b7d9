package dev.keyway.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An MCP server as the API shows it: never its token (shown once, at creation or rotation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServerView(String id, String endUserId, List<String> connectors, String name, String createdAt,
                            String expiresAt, String tokenRotatedAt) {

    static McpServerView of(McpServer s) {
        return new McpServerView(s.id(), s.endUserId(), s.connectors(), s.name(), s.createdAt().toString(),
                s.expiresAt() == null ? null : s.expiresAt().toString(),
                s.tokenRotatedAt() == null ? null : s.tokenRotatedAt().toString());
    }
}
