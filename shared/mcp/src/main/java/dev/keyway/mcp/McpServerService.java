package dev.keyway.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keyway.apps.AllowedOrigins;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.connectors.ConnectorCache;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayConfig;
import dev.keyway.core.KeywayException;
import dev.keyway.crypto.TokenMacs;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code /v1/mcp-servers}: an app gives one of its end users an MCP server URL, lists its
 * servers, rotates a server's token and revokes a server. And the check every MCP request
 * passes: token → live server, or a 401 that says nothing about why.
 */
@Singleton
public final class McpServerService {
    static final int MAX_END_USER_ID = 256;
    static final int MAX_CONNECTORS = 50;
    static final int MAX_NAME = 100;
    static final int PAGE_SIZE = 50;
    /** Longer-lived URLs should be rotated; a far-future expiry is more likely a unit mistake. */
    static final Duration MAX_LIFETIME = Duration.ofDays(366);
    /** The one answer to any token that does not name a live server: nothing about which check failed. */
    static final String UNKNOWN_TOKEN = "unknown, revoked or expired MCP server URL";

    record CreateRequest(String endUserId, List<String> connectors, String name, String expiresAt) {
    }

    /** The server and its URL. The URL holds the token: it is shown here once and never stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, String serverUrl, String endUserId, List<String> connectors, String name,
                          String createdAt, String expiresAt) {
        @Override
        public String toString() {
            return "Created[id=" + id + "]";
        }
    }

    /** A rotated server's new URL, shown once. */
    public record Rotated(String id, String serverUrl) {
        @Override
        public String toString() {
            return "Rotated[id=" + id + "]";
        }
    }

    public record Listing(List<McpServerView> data, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    private final KeywayTable table;
    private final McpServerRepository servers;
    private final ConnectorCache connectors;
    private final TokenMacs macs;
    private final AuthLog authLog;
    private final AppRepository apps;
    private final Clock clock;

    @Inject
    public McpServerService(KeywayTable table, McpServerRepository servers, ConnectorCache connectors,
                            @McpTokenMacs TokenMacs macs, AuthLog authLog, AppRepository apps, Clock clock) {
        this.apps = apps;
        this.table = table;
        this.servers = servers;
        this.connectors = connectors;
        this.macs = macs;
        this.authLog = authLog;
        this.clock = clock;
    }

    public Created create(String appId, String body, String actor) {
        CreateRequest request = Json.readRequest(body, CreateRequest.class,
                "{\"endUserId\": …, \"connectors\": […], \"name\"?: …, \"expiresAt\"?: …}");
        String endUserId = endUserId(request.endUserId());
        List<String> allowed = connectors(appId, request.connectors());
        String name = name(request.name());
        Instant now = clock.instant();
        Instant expiresAt = expiresAt(request.expiresAt(), now);
        String id = McpServerIds.generate();
        String token = ServerTokens.generate(id);
        McpServer server = new McpServer(id, appId, endUserId, allowed, name, now, expiresAt, null, macs.mac(token));
        var event = authLog.event(appId, AuthEventTypes.MCP_SERVER_CREATED).actor(actor)
                .linkedAccount(null, endUserId)
                .detail("mcpServerId", id)
                .detail("connectors", String.join(" ", allowed))
                .build();
        Transactions.write(table, List.of(servers.create(server), authLog.entry(event)));
        var view = McpServerView.of(server);
        return new Created(id, serverUrl(token), endUserId, allowed, name, view.createdAt(), view.expiresAt());
    }

    public Listing list(String appId, String cursor) {
        var page = servers.list(appId, cursor, PAGE_SIZE);
        return new Listing(page.items().stream().map(McpServerView::of).toList(), page.nextCursor());
    }

    /** Deletes the server and records it, in one transaction; another app's server is a 404. */
    public void revoke(String appId, String id, String actor) {
        McpServer server = owned(appId, id);
        var event = authLog.event(appId, AuthEventTypes.MCP_SERVER_REVOKED).actor(actor)
                .linkedAccount(null, server.endUserId()).detail("mcpServerId", id).build();
        try {
            Transactions.write(table, List.of(servers.delete(appId, id), authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.notFound("no MCP server " + id); // revoked by a concurrent request
        }
    }

    public Rotated rotate(String appId, String id, String actor) {
        McpServer server = owned(appId, id);
        String token = ServerTokens.generate(id);
        var event = authLog.event(appId, AuthEventTypes.MCP_SERVER_TOKEN_ROTATED).actor(actor)
                .linkedAccount(null, server.endUserId()).detail("mcpServerId", id).build();
        try {
            Transactions.write(table, List.of(servers.rotate(appId, id, macs.mac(token), clock.instant()),
                    authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.notFound("no MCP server " + id);
        }
        return new Rotated(id, serverUrl(token));
    }

    /**
     * The live server a token names. The token's MAC is compared in constant time; every failure
     * (malformed, unknown, revoked, rotated, expired) is the same 401.
     */
    public McpServer authenticate(String token) {
        return ServerTokens.serverId(token)
                .flatMap(servers::find)
                .filter(server -> macs.matches(token, server.tokenMac()))
                .filter(server -> !server.expiredAt(clock.instant()))
                .orElseThrow(() -> KeywayException.unauthorized("invalid_server_token", UNKNOWN_TOKEN));
    }

    /**
     * A browser-based client sends {@code Origin}; the MCP transport spec asks servers to check it
     * (DNS rebinding). It must be one of the app's allowed origins. Clients outside a browser send none.
     */
    public void checkOrigin(McpServer server, Optional<String> origin) {
        if (origin.isEmpty()) {
            return;
        }
        boolean allowed = apps.find(server.appId()).map(app -> AllowedOrigins.allowsOrigin(app, origin.get()))
                .orElse(false);
        if (!allowed) {
            throw new KeywayException(403, "origin_not_allowed",
                    "this Origin is not one of the app's allowed origins (app settings: allowedOrigins)");
        }
    }

    private McpServer owned(String appId, String id) {
        if (!McpServerIds.isWellFormed(id)) {
            throw KeywayException.notFound("no MCP server " + id);
        }
        return servers.find(id).filter(s -> s.appId().equals(appId))
                .orElseThrow(() -> KeywayException.notFound("no MCP server " + id));
    }

    private static String serverUrl(String token) {
        return KeywayConfig.publicBaseUrl() + "/mcp/" + token;
    }

    private static String endUserId(String endUserId) {
        if (endUserId == null || endUserId.isBlank() || endUserId.length() > MAX_END_USER_ID) {
            throw KeywayException.invalid("endUserId: required, 1 to " + MAX_END_USER_ID + " characters");
        }
        return endUserId;
    }

    /** Each must be one of the app's connectors now; one deleted later makes its tools answer an error. */
    private List<String> connectors(String appId, List<String> requested) {
        if (requested == null || requested.isEmpty() || requested.size() > MAX_CONNECTORS) {
            throw KeywayException.invalid("connectors: 1 to " + MAX_CONNECTORS + " connector keys");
        }
        int i = 0;
        for (String key : requested) {
            if (key == null || key.length() > 64 || connectors.find(appId, key).isEmpty()) {
                throw KeywayException.invalid("connectors[" + i + "]: no such connector in this app");
            }
            i++;
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private static String name(String name) {
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            throw KeywayException.invalid("name: 1 to " + MAX_NAME + " characters, or leave it out");
        }
        return name;
    }

    private static Instant expiresAt(String expiresAt, Instant now) {
        if (expiresAt == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            throw KeywayException.invalid("expiresAt: an ISO-8601 UTC time such as 2030-01-31T12:00:00Z");
        }
        if (!at.isAfter(now) || at.isAfter(now.plus(MAX_LIFETIME))) {
            throw KeywayException.invalid("expiresAt: must be in the future and within " + MAX_LIFETIME.toDays()
                    + " days");
        }
        return at;
    }
}
