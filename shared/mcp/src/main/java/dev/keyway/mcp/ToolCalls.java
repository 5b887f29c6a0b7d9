package dev.keyway.mcp;

import dev.keyway.connectors.ConnectorCache;
import dev.keyway.core.KeywayException;
import dev.keyway.linkedaccounts.LinkedAccount;
import dev.keyway.linkedaccounts.LinkedAccountRepository;
import dev.keyway.linkedaccounts.LinkedAccountStatus;
import dev.keyway.proxy.ProxyRequest;
import dev.keyway.proxy.ProxyService;
import dev.keyway.upstream.Header;
import dev.keyway.upstream.UpstreamResponse;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What the tools do. A request tool goes through the proxy (the same resolve, on-demand
 * refresh, 401 retry, upstream guards and secret redaction as {@code /v1/proxy}) with the end
 * user's linked account for the connector; without a usable one it answers with a connect link.
 * Credentials never enter a tool's input (there is no header argument) nor its output.
 */
@Singleton
public final class ToolCalls {
    /** What a tool result may carry of the upstream body: enough for a model, far below Lambda's 6 MB. */
    static final int MAX_RESULT_BODY_CHARS = 200_000;
    private static final int ACCOUNTS_PER_END_USER = 100;

    private final LinkedAccountRepository accounts;
    private final ProxyService proxy;
    private final ConnectLinks links;
    private final ConnectorCache connectors;

    @Inject
    public ToolCalls(LinkedAccountRepository accounts, ProxyService proxy, ConnectLinks links,
                     ConnectorCache connectors) {
        this.accounts = accounts;
        this.proxy = proxy;
        this.links = links;
        this.connectors = connectors;
    }

    /** {@code list_connections}: each of the server's connectors, linked or not, and its status. */
    public CallToolResult listConnections(McpServer server) {
        var page = accounts.list(server.appId(), new LinkedAccountRepository.Filter(Optional.of(server.endUserId()),
                Optional.empty(), Optional.empty()), null, ACCOUNTS_PER_END_USER);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String connector : server.connectors()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("connector", connector);
            row.put("displayName", displayName(server.appId(), connector));
            Optional<LinkedAccount> best = best(page.items().stream().filter(a -> a.connector().equals(connector)).toList());
            row.put("status", best.map(a -> a.status().name()).orElse("NOT_CONNECTED"));
            best.ifPresent(a -> {
                row.put("linkedAccountId", a.id());
                if (a.statusReason() != null) {
                    row.put("statusReason", a.statusReason());
                }
            });
            row.put("tool", McpTools.requestToolName(connector));
            rows.add(row);
        }
        return ToolResults.ok(Map.of("connections", rows));
    }

    /**
     * A {@code <connector>_request} call (or a curated tool, already turned into one).
     * {@code urlElicitation}: the client declared URL-mode elicitation, so a missing connection is
     * answered with error -32042 carrying the link (thrown as an McpError) rather than a tool result.
     */
    public CallToolResult request(McpServer server, String tool, ToolRequest request, boolean urlElicitation) {
        if (!server.allows(request.connector())) {
            return ToolResults.error("connector_not_allowed", "this MCP server cannot use " + request.connector());
        }
        var candidates = accounts.list(server.appId(), new LinkedAccountRepository.Filter(
                Optional.of(server.endUserId()), Optional.of(request.connector()), Optional.empty()),
                null, ACCOUNTS_PER_END_USER).items();
        Optional<LinkedAccount> usable = candidates.stream().filter(a -> a.status() != LinkedAccountStatus.NEEDS_REAUTH)
                .min(byHealthThenAge());
        if (usable.isEmpty()) {
            return needsConnection(server, tool, request.connector(), best(candidates).orElse(null), urlElicitation);
        }
        LinkedAccount account = usable.get();
        UpstreamResponse response;
        try {
            response = proxy.forward(server.appId(), new ProxyRequest(account.id(), request.method(), request.rawPath(),
                    request.rawQuery(), headers(request), request.body()));
        } catch (KeywayException e) {
            if ("needs_reauth".equals(e.code())) {
                return needsConnection(server, tool, request.connector(), account, urlElicitation);
            }
            if (e.status() == 404) {
                return needsConnection(server, tool, request.connector(), null, urlElicitation); // deleted meanwhile
            }
            // The proxy's messages never carry a credential (KeywayException's contract).
            return ToolResults.error(e.code(), e.getMessage());
        }
        return ToolResults.ok(upstreamResult(response));
    }

    private CallToolResult needsConnection(McpServer server, String tool, String connector, LinkedAccount stale,
                                           boolean urlElicitation) {
        ConnectLinks.Link link;
        try {
            link = links.mint(server, connector, tool, stale, urlElicitation);
        } catch (KeywayException e) {
            // The connector was deleted from the app after the server was created.
            return ToolResults.error("connector_unavailable", connector + " cannot be connected: " + e.getMessage());
        }
        String name = displayName(server.appId(), connector);
        if (urlElicitation) {
            throw ToolResults.urlElicitationRequired(link, name);
        }
        return ToolResults.connectionRequired(link, name);
    }

    private static List<Header> headers(ToolRequest request) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("accept", "application/json"));
        if (request.body().length > 0) {
            headers.add(new Header("content-type", "application/json"));
        }
        return headers;
    }

    static Map<String, Object> upstreamResult(UpstreamResponse response) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", response.status());
        response.header("content-type").ifPresent(type -> result.put("contentType", type));
        if (!response.utf8Text()) {
            result.put("body", null);
            result.put("note", "binary response of " + response.body().length + " bytes, not shown");
        } else {
            String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            boolean truncated = text.length() > MAX_RESULT_BODY_CHARS;
            if (truncated) {
                text = text.substring(0, MAX_RESULT_BODY_CHARS);
            }
            result.put("body", truncated ? text : parsedOrText(text));
            if (truncated) {
                result.put("truncated", true);
            }
        }
        if (response.redacted()) {
            result.put("redacted", true);
        }
        return result;
    }

    private static Object parsedOrText(String text) {
        try {
            return text.isEmpty() ? "" : dev.keyway.core.Json.mapper().readTree(text);
        } catch (Exception e) {
            return text; // not JSON: handed back as it is
        }
    }

    private String displayName(String appId, String connector) {
        return connectors.find(appId, connector).map(c -> c.displayName() == null ? connector : c.displayName())
                .orElse(connector);
    }

    /** The account the end user most likely means: healthy before degraded before needing re-auth, oldest first. */
    private static Optional<LinkedAccount> best(List<LinkedAccount> candidates) {
        return candidates.stream().min(byHealthThenAge());
    }

    private static Comparator<LinkedAccount> byHealthThenAge() {
        return Comparator.comparing((LinkedAccount a) -> a.status().ordinal()).thenComparing(LinkedAccount::createdAt);
    }
}
