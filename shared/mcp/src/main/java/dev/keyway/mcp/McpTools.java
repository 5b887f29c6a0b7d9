package dev.keyway.mcp;

import dev.keyway.connectors.ConnectorCache;
import dev.keyway.connectors.catalog.McpToolTemplate;
import dev.keyway.connectors.catalog.Provider;
import dev.keyway.connectors.catalog.ProviderCatalog;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The tool catalogue of one MCP server: {@code list_connections}, a {@code <connector>_request}
 * tool for each connector the server allows, and the provider's curated tools ({@code providers.json}
 * {@code mcpTools}) as {@code <connector>_<name>}. Built per request from the server record (the
 * transport is stateless), so a revoked connector or server is never served from a cache.
 */
@Singleton
public final class McpTools {
    public static final String LIST_CONNECTIONS = "list_connections";

    private final ToolCalls calls;
    private final ConnectorCache connectors;
    private final ProviderCatalog catalog;

    @Inject
    public McpTools(ToolCalls calls, ConnectorCache connectors, ProviderCatalog catalog) {
        this.calls = calls;
        this.connectors = connectors;
        this.catalog = catalog;
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
                            return calls.request(server, name, ToolRequest.parse(connector, request.arguments()),
                                    ClientSessions.urlElicitation(context));
                        } catch (ToolRequest.InvalidArguments e) {
                            return ToolResults.error("invalid_arguments", e.getMessage());
                        }
                    }));
            curated(server.appId(), connector).forEach(template -> tools.add(curatedTool(server, connector, template)));
        }
        return tools;
    }

    /** The catalog's curated tools for the connector's provider; none for a custom connector. */
    List<McpToolTemplate> curated(String appId, String connector) {
        return connectors.find(appId, connector).filter(definition -> !definition.customProvider())
                .flatMap(definition -> catalog.find(definition.provider())).map(Provider::mcpTools).orElse(List.of());
    }

    private SyncToolSpecification curatedTool(McpServer server, String connector, McpToolTemplate template) {
        String name = connector + "_" + template.name();
        Map<String, Object> properties = new LinkedHashMap<>();
        template.arguments().forEach((argument, where) -> properties.put(argument, Map.of("type", "string")));
        return new SyncToolSpecification(Tool.builder().name(name).description(template.description())
                .inputSchema(Map.of("type", "object", "properties", properties, "required", template.required(),
                        "additionalProperties", false))
                .annotations(new ToolAnnotations(null, template.method().equals("GET"), false, null, true, null))
                .build(), (context, request) -> {
                    try {
                        return calls.request(server, name, ToolRequest.fromTemplate(connector, template, request.arguments()),
                                ClientSessions.urlElicitation(context));
                    } catch (ToolRequest.InvalidArguments e) {
                        return ToolResults.error("invalid_arguments", e.getMessage());
                    }
                });
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
