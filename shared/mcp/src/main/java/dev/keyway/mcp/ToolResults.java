package dev.keyway.mcp;

import dev.keyway.core.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** Tool results: the same JSON as text (for every client) and as structured content (for newer ones). */
final class ToolResults {
    private ToolResults() {
    }

    static CallToolResult ok(Map<String, Object> structured) {
        return CallToolResult.builder().addTextContent(Json.write(structured)).structuredContent(structured)
                .isError(false).build();
    }

    /** A tool execution error the model can read and act on (not a protocol error). */
    static CallToolResult error(String code, String message) {
        Map<String, Object> error = Map.of("error", Map.of("code", code, "message", message));
        return CallToolResult.builder().addTextContent(Json.write(error)).structuredContent(error).isError(true)
                .build();
    }

    /** The link and a sentence the agent can show as it is. */
    static CallToolResult connectionRequired(ConnectLinks.Link link, String displayName) {
        String verb = link.reason() == ConnectLinks.Reason.NEEDS_REAUTH ? "Reconnect" : "Connect";
        String message = verb + " your " + displayName + " account to continue: open " + link.connectUrl()
                + " (the link works until " + link.expiresAt() + "), then ask me to try again.";
        Map<String, Object> structured = new java.util.LinkedHashMap<>();
        structured.put("status", "connection_required");
        structured.put("connector", link.connector());
        structured.put("reason", link.reason().name());
        structured.put("connectUrl", link.connectUrl());
        structured.put("expiresAt", link.expiresAt());
        structured.put("message", message);
        return CallToolResult.builder().addTextContent(message).structuredContent(structured).isError(false).build();
    }
}
