package dev.keyway.mcp;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The tool catalogue of one MCP server: {@code list_connections}, and a {@code <connector>_request}
 * tool for each connector the server allows. Built per request from the server record (the
 * transport is stateless), so a revoked connector or server is never served from a cache.
 */
@Singleton
public final class McpTools {
    public static final String LIST_CONNECTIONS = "list_connections";

    private final ToolCalls calls;

    @Inject
    public McpTools(ToolCalls calls) {
        this.calls = calls;
    }

    public static String requestToolName(String connector) {
        return connector + "_request";
    }

    public List<SyncToolSpecification> forServer(McpServer server) {
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(new SyncToolSpecification(Tool.builder().name(LIST_CONNECTIONS)
                .title("List connections")
                .description("Which of this server's apps are connected for the user, and their status"
                        + " (CONNECTED, DEGRADED, NEEDS_REAUTH or NOT_CONNECTED).")
                .inputSchema(Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
                .annotations(new ToolAnnotations("List connections", true, false, true, false, null))
                .build(), (context, request) -> calls.listConnections(server)));
        for (String connector : server.connectors()) {
            String name = requestToolName(connector);
            tools.add(new SyncToolSpecification(Tool.builder().name(name)
                    .title(connector + " API request")
                    .description("Call the " + connector + " API as the user: method, a path relative to the API's"
                            + " base URL, query parameters and a JSON body. Keyway adds the user's credentials."
                            + " If the user has not connected " + connector + " yet, the result is a link to show them.")
                    .inputSchema(requestSchema())
                    .annotations(new ToolAnnotations(connector + " API request", false, true, false, true, null))
                    .build(), (context, request) -> {
                        try {
                            return calls.request(server, name, ToolRequest.parse(connector, request.arguments()));
                        } catch (ToolRequest.InvalidArguments e) {
                            return ToolResults.error("invalid_arguments", e.getMessage());
                        }
                    }));
        }
        return tools;
    }

    static Map<String, Object> requestSchema() {
        return Map.of("type", "object",
                "properties", Map.of(
                        "method", Map.of("type", "string", "enum", ToolRequest.METHODS, "default", "GET"),
                        "path", Map.of("type", "string", "description", "e.g. /user/repos",
                                "maxLength", ToolRequest.MAX_PATH),
                        "query", Map.of("type", "object", "description", "query parameters",
                                "additionalProperties", Map.of("type", List.of("string", "number", "boolean"))),
                        "body", Map.of("description", "a JSON body (not with GET)")),
                "required", List.of("path"),
                "additionalProperties", false);
    }
}
