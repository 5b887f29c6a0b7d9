package dev.keyway.functions.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.Log;
import dev.keyway.mcp.ClientSessions;
import dev.keyway.mcp.McpServer;
import dev.keyway.mcp.McpServerService;
import dev.keyway.mcp.McpTools;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code POST /mcp/{serverToken}}: the token names a live server, the Origin (if any) is one of
 * its app's, then the SDK's stateless server answers the message with that server's tools.
 * The SDK server is built per request: it is a few maps, and the tools depend on the server.
 */
@Singleton
final class McpEndpoint {
    static final String SERVER_NAME = "keyway";
    static final String SERVER_VERSION = "0.1.0";

    private final McpServerService servers;
    private final McpTools tools;
    private final ClientSessions sessions;
    private final JacksonMcpJsonMapper jsonMapper = new JacksonMcpJsonMapper(new ObjectMapper());
    /**
     * The SDK's validator needs a JSON-schema library (3 MB); our tools have no output schema and
     * check their own arguments (ToolRequest), so nothing is left for one to validate.
     */
    private static final JsonSchemaValidator NO_SCHEMA_CHECKS = (schema, content) ->
            JsonSchemaValidator.ValidationResponse.asValid(null);

    @Inject
    McpEndpoint(McpServerService servers, McpTools tools, ClientSessions sessions) {
        this.servers = servers;
        this.tools = tools;
        this.sessions = sessions;
    }

    ApiResponse handle(ApiRequest request, String token) {
        long start = System.nanoTime();
        McpServer server = servers.authenticate(token);
        servers.checkOrigin(server, request.header("origin"));
        var transport = new ApiGatewayStatelessTransport(jsonMapper, sessions, server.id());
        io.modelcontextprotocol.server.McpServer.sync(transport)
                .serverInfo(SERVER_NAME, SERVER_VERSION)
                .instructions("Tools act as one user of " + "this app on the connected third-party APIs. When a"
                        + " result has status connection_required, show its message (with the link) to the user.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(jsonMapper)
                .jsonSchemaValidator(NO_SCHEMA_CHECKS)
                .validateToolInputs(false)
                .tools(tools.forServer(server))
                .build();
        ApiResponse response = transport.handle(request, Map.of("mcpServerId", server.id()));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("mcpServerId", server.id());
        line.put("appId", server.appId());
        line.put("status", response.status());
        line.put("ms", (System.nanoTime() - start) / 1_000_000);
        Log.info("mcp_message", line);
        return response;
    }

    /** The token from {@code Authorization: Bearer …}, for clients that prefer a header to the URL. */
    static Optional<String> bearer(ApiRequest request) {
        return request.header("authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
    }
}
