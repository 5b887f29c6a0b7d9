package dev.keyway.functions.mcp;

import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.AuthContext;
import dev.keyway.http.Routes;
import dev.keyway.mcp.McpServerService;

/**
 * The mcp function: the MCP server resource ({@code /v1/mcp-servers…}, app key) and the MCP
 * endpoint itself ({@code /mcp/{serverToken}}, or {@code /mcp} with the token as a bearer
 * header), which the server token alone authorizes.
 */
public final class McpHandler extends ApiHandler {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    static final String SERVER_ID = "mcpServerId";
    static final String SERVER_TOKEN = "serverToken";

    public McpHandler() {
        this(DaggerMcpComponent.create());
    }

    McpHandler(McpComponent component) {
        this(component.servers(), component.endpoint());
    }

    McpHandler(McpServerService servers, McpEndpoint endpoint) {
        super(new Routes()
                .app("POST /v1/mcp-servers", (appId, req) ->
                        ApiResponse.created(servers.create(appId, req.body(), actor(req))))
                .app("GET /v1/mcp-servers", (appId, req) ->
                        ApiResponse.ok(servers.list(appId, req.queryParameter("cursor").orElse(null))))
                .app("DELETE /v1/mcp-servers/{mcpServerId}", (appId, req) -> {
                    servers.revoke(appId, req.pathParameter(SERVER_ID), actor(req));
                    return ApiResponse.noContent();
                })
                .app("POST /v1/mcp-servers/{mcpServerId}/rotate-token", (appId, req) ->
                        ApiResponse.ok(servers.rotate(appId, req.pathParameter(SERVER_ID), actor(req))))
                .open("POST /mcp/{serverToken}", req -> endpoint.handle(req, req.pathParameter(SERVER_TOKEN)))
                .open("GET /mcp/{serverToken}", req -> ApiGatewayStatelessTransport.methodNotAllowed())
                .open("GET /mcp", req -> ApiGatewayStatelessTransport.methodNotAllowed())
                .open("POST /mcp", req -> endpoint.handle(req, McpEndpoint.bearer(req).orElseThrow(() ->
                        KeywayException.unauthorized("invalid_server_token", "send the MCP server token as"
                                + " Authorization: Bearer, or use the server URL")))));
    }

    private static String actor(ApiRequest request) {
        return request.authorizerValue(AuthContext.KEY_ID).orElse("unknown");
    }
}
