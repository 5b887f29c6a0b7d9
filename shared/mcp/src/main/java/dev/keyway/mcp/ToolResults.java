package dev.keyway.mcp;

import dev.keyway.core.Json;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/** Tool results: the same JSON as text (for every client) and as structured content (for newer ones). */
final class ToolResults {
    /** MCP 2025-11-25: the request needs the user to complete the URL-mode elicitations in {@code data}. */
    static final int URL_ELICITATION_REQUIRED = -32042;

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
        String message = verb(link) + " your " + displayName + " account to continue: open " + link.connectUrl()
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

    /**
     * The same link as MCP 2025-11-25's URLElicitationRequiredError (-32042), for a client that
     * declared URL-mode elicitation: it shows the URL to its user itself (consent, then a browser)
     * and the model never has to relay it. The client retries the call once the user is done; a
     * stateless server cannot send {@code notifications/elicitation/complete} (it has no channel
     * to the client outside a request), so the retry is the client's or the user's to trigger.
     */
    static McpError urlElicitationRequired(ConnectLinks.Link link, String displayName) {
        String message = verb(link) + " your " + displayName + " account to continue (the link works until "
                + link.expiresAt() + ").";
        Map<String, Object> elicitation = new java.util.LinkedHashMap<>();
        elicitation.put("mode", "url");
        elicitation.put("elicitationId", link.elicitationId());
        elicitation.put("url", link.connectUrl());
        elicitation.put("message", message);
        return McpError.builder(URL_ELICITATION_REQUIRED).message(message)
                .data(Map.of("elicitations", List.of(elicitation))).build();
    }

    private static String verb(ConnectLinks.Link link) {
        return link.reason() == ConnectLinks.Reason.NEEDS_REAUTH ? "Reconnect" : "Connect";
    }
}
