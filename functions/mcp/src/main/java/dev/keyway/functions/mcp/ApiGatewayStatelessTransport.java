package dev.keyway.functions.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.mcp.ClientSessions;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * MCP's Streamable HTTP transport, stateless, over API Gateway HTTP API events: one POST carries
 * one JSON-RPC message and gets one JSON answer (never an SSE stream). The initialize answer
 * carries an {@code Mcp-Session-Id} that states, signed, what the client declared
 * ({@link ClientSessions}); later requests that echo it get that declaration in their transport
 * context, and one with an id this server did not issue is a 404 (the spec's "start a new session").
 * Modelled on the SDK's {@code HttpServletStatelessServerTransport}, with these differences:
 * a malformed body is a JSON-RPC parse error (-32700) or invalid request (-32600) rather than a
 * generic one, an unacceptable Accept header is a 406, exception messages are never echoed, and
 * nothing is logged here (the SDK's servlet logs messages that can quote the input).
 */
final class ApiGatewayStatelessTransport implements McpStatelessServerTransport {
    /** Far above any legitimate tool call, far below Lambda's 6 MB. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Bounds one message's handling below the function's timeout; upstream calls have their own, shorter ones. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(25);
    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    private final McpJsonMapper jsonMapper;
    private final ClientSessions sessions;
    private final String serverId;
    private McpStatelessServerHandler handler;

    ApiGatewayStatelessTransport(McpJsonMapper jsonMapper, ClientSessions sessions, String serverId) {
        this.jsonMapper = jsonMapper;
        this.sessions = sessions;
        this.serverId = serverId;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /** One POSTed message, answered; {@code baseContext} goes to the handlers with what the session id says. */
    ApiResponse handle(ApiRequest request, Map<String, Object> baseContext) {
        String accept = request.header("accept").orElse("").toLowerCase(Locale.ROOT);
        if (!(accept.contains("application/json") && accept.contains("text/event-stream")) && !accept.contains("*/*")) {
            return error(406, ErrorCodes.INVALID_REQUEST,
                    "Accept must list both application/json and text/event-stream");
        }
        String type = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            return error(415, ErrorCodes.INVALID_REQUEST, "Content-Type must be application/json");
        }
        String version = request.header("mcp-protocol-version").orElse(null);
        if (version != null && !protocolVersions().contains(version)) {
            return error(400, ErrorCodes.INVALID_REQUEST, "unsupported MCP-Protocol-Version; supported: "
                    + String.join(", ", protocolVersions()));
        }
        byte[] bytes = request.bodyBytes(Integer.MAX_VALUE);
        if (bytes.length > MAX_BODY_BYTES) {
            return error(413, ErrorCodes.INVALID_REQUEST, "message is larger than " + MAX_BODY_BYTES + " bytes");
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        McpSchema.JSONRPCMessage message;
        try {
            JsonNode tree = Json.mapper().readTree(body);
            if (tree == null || !tree.isObject() || !"2.0".equals(tree.path("jsonrpc").asText(null))) {
                return error(400, ErrorCodes.INVALID_REQUEST,
                        "expected one JSON-RPC 2.0 message object (batches are not supported)");
            }
            message = McpSchema.deserializeJsonRpcMessage(jsonMapper, body);
        } catch (IOException | IllegalArgumentException e) {
            return tryInvalid(body);
        }
        boolean initialize = message instanceof McpSchema.JSONRPCRequest call
                && McpSchema.METHOD_INITIALIZE.equals(call.method());
        Map<String, Object> values = new LinkedHashMap<>(baseContext);
        Optional<String> sessionId = request.header(ClientSessions.HEADER);
        if (sessionId.isPresent() && !initialize) {
            Optional<ClientSessions.Declared> declared = sessions.verify(serverId, sessionId.get());
            if (declared.isEmpty()) {
                return error(404, ErrorCodes.INVALID_REQUEST, "unknown Mcp-Session-Id: send initialize again");
            }
            values.put(ClientSessions.URL_ELICITATION, declared.get().urlElicitation());
        }
        McpTransportContext context = McpTransportContext.create(values);
        if (message instanceof McpSchema.JSONRPCRequest call) {
            McpSchema.JSONRPCResponse response = handler.handleRequest(context, call)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                    .block(REQUEST_TIMEOUT);
            if (initialize && response.error() == null) {
                Map<String, String> headers = new LinkedHashMap<>(JSON_HEADERS);
                headers.put(ClientSessions.HEADER, sessions.issue(serverId, declared(call, response)));
                return ApiResponse.raw(200, headers, writeJson(response).getBytes(StandardCharsets.UTF_8), true);
            }
            return json(200, writeJson(response));
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                    .block(REQUEST_TIMEOUT);
        }
        // A notification, or a response to a request this stateless server never sends: accepted, no body.
        return ApiResponse.raw(202, Map.of("cache-control", "no-store"), new byte[0], true);
    }

    /** What the initialize request declared, given the protocol version its answer settled on. */
    private ClientSessions.Declared declared(McpSchema.JSONRPCRequest call, McpSchema.JSONRPCResponse response) {
        try {
            return ClientSessions.Declared.of(
                    jsonMapper.convertValue(call.params(), new TypeRef<McpSchema.InitializeRequest>() { }),
                    jsonMapper.convertValue(response.result(), new TypeRef<McpSchema.InitializeResult>() { }));
        } catch (IllegalArgumentException e) {
            return ClientSessions.Declared.NOTHING;
        }
    }

    /** 405 for GET (no server-initiated stream) and DELETE (no session to end), as the spec allows. */
    static ApiResponse methodNotAllowed() {
        Map<String, String> headers = new LinkedHashMap<>(JSON_HEADERS);
        headers.put("allow", "POST");
        return ApiResponse.raw(405, headers, Json.write(rpcError(ErrorCodes.INVALID_REQUEST,
                "this MCP server is stateless: POST one JSON-RPC message per request")).getBytes(StandardCharsets.UTF_8), true);
    }

    /** An error as a JSON-RPC response with a null id (the request's id is unknown or unreadable). */
    static ApiResponse error(int status, int code, String message) {
        return json(status, Json.write(rpcError(code, message)));
    }

    private static ApiResponse tryInvalid(String body) {
        try {
            Json.mapper().readTree(body);
        } catch (IOException e) {
            return error(400, ErrorCodes.PARSE_ERROR, "the body is not valid JSON");
        }
        return error(400, ErrorCodes.INVALID_REQUEST, "not a valid JSON-RPC request or notification");
    }

    private static Map<String, Object> rpcError(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("jsonrpc", "2.0");
        error.put("id", null);
        error.put("error", Map.of("code", code, "message", message));
        return error;
    }

    private String writeJson(Object value) {
        try {
            return jsonMapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON-RPC response could not be written", e);
        }
    }

    private static ApiResponse json(int status, String body) {
        return ApiResponse.raw(status, JSON_HEADERS, body.getBytes(StandardCharsets.UTF_8), true);
    }
}
