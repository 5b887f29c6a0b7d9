package dev.keyway.connect.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.apps.App;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.connect.FlowFinish;
import dev.keyway.connect.PortalLinks;
import dev.keyway.connect.PortalResponse;
import dev.keyway.connect.session.ConnectSession;
import dev.keyway.connect.session.ConnectSessionRepository;
import dev.keyway.connect.session.SessionConnections;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.StoredConnector;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.ConnectorDefinition;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import dev.keyway.linkedaccounts.ConnectionGrant;
import dev.keyway.linkedaccounts.LinkedAccountResolver;
import dev.keyway.linkedaccounts.TokenCalls;
import dev.keyway.oauth.TokenCall;
import dev.keyway.oauth.TokenClient;
import dev.keyway.oauth.TokenEndpointException;
import dev.keyway.oauth.TokenResult;
import dev.keyway.portal.PageContext;
import dev.keyway.portal.PortalPages;
import dev.keyway.portal.Result;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code GET /oauth/callback}: the provider sends the browser back here. The state must be live,
 * unused and started by this browser before anything else happens; only then is the code
 * exchanged (with the PKCE verifier and the provider's client authentication) and the linked
 * account stored. Every failure after the state checks out is an auth-log entry and a clear page.
 */
@Singleton
public final class OAuthCallback {
    private final OAuthStateRepository states;
    private final AppRepository apps;
    private final ConnectorRepository connectors;
    private final ProviderCatalog catalog;
    private final LinkedAccountResolver resolver;
    private final TokenClient tokens;
    private final ConnectionConfigDiscovery discovery;
    private final SessionConnections connections;
    private final ConnectSessionRepository sessions;
    private final KeywayTable table;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public OAuthCallback(OAuthStateRepository states, AppRepository apps, ConnectorRepository connectors,
                         ProviderCatalog catalog, LinkedAccountResolver resolver, TokenClient tokens,
                         ConnectionConfigDiscovery discovery, SessionConnections connections,
                         ConnectSessionRepository sessions, KeywayTable table, AuthLog authLog, Clock clock) {
        this.states = states;
        this.apps = apps;
        this.connectors = connectors;
        this.catalog = catalog;
        this.resolver = resolver;
        this.tokens = tokens;
        this.discovery = discovery;
        this.connections = connections;
        this.sessions = sessions;
        this.table = table;
        this.authLog = authLog;
        this.clock = clock;
    }

    public PortalResponse finish(Map<String, String> query, Optional<String> bindingCookie) {
        String stateValue = query.get("state");
        if (stateValue == null || stateValue.isEmpty() || stateValue.length() > 512) {
            return plain(400, new Result.InvalidRequest("This sign-in link is incomplete: it has no state."));
        }
        return switch (states.take(stateValue, bindingCookie, clock.instant())) {
            case OAuthStateRepository.Outcome.Unknown u -> plain(400, new Result.InvalidRequest(
                    "This sign-in was already completed or is unknown. Go back to the app and start again."));
            case OAuthStateRepository.Outcome.Expired e -> plain(410, new Result.Expired());
            case OAuthStateRepository.Outcome.ForeignBrowser f -> plain(403, new Result.InvalidRequest(
                    "This sign-in was started in another browser. Finish it in the browser where you started,"
                            + " or start again here."));
            case OAuthStateRepository.Outcome.Taken t -> finish(t.state(), query);
        };
    }

    private PortalResponse finish(OAuthState state, Map<String, String> query) {
        App app = apps.find(state.appId()).orElseThrow(() -> KeywayException.notFound("app is gone"));
        Optional<StoredConnector> stored = connectors.find(state.appId(), state.connector());
        if (stored.isEmpty()) {
            return failed(app, state, null, "connector_gone", 409);
        }
        ConnectorDefinition connector = stored.get().definition();
        String error = query.get("error");
        if (error != null) {
            return providerSaidNo(app, state, connector, error);
        }
        OAuth2Settings settings = connector.oauth2(state.authMethod(), catalog).orElse(null);
        String code = query.get("code");
        if (settings == null || code == null || code.isEmpty()) {
            return failed(app, state, connector, "invalid_callback", 400);
        }
        if (!Issuer.matches(settings, state.connectionConfig(), query.get("iss"))) {
            return failed(app, state, connector, "issuer_mismatch", 400);
        }
        boolean privateNetwork = connector.customProvider() && resolver.localMode(app.id());
        // Values on the callback itself (QuickBooks' realmId, Zoho's accounts server) may be in the token URL.
        Map<String, String> config = new java.util.LinkedHashMap<>(state.connectionConfig());
        config.putAll(CallbackConfig.fromQuery(resolver.connectionConfigFields(connector), query));
        TokenResult result;
        try {
            result = tokens.exchangeCode(tokenCall(stored.get(), settings, state, config, privateNetwork), code,
                    URI.create(state.redirectUri()), state.codeVerifier());
        } catch (TokenEndpointException e) {
            return failed(app, state, connector, e.kind() == TokenEndpointException.Kind.OAUTH_ERROR ? e.error()
                    : e.error(), 502);
        } catch (KeywayException refusedHost) {
            return failed(app, state, connector, "token_endpoint_refused", 502);
        }
        return store(app, state, connector, config, result, privateNetwork);
    }

    private PortalResponse store(App app, OAuthState state, ConnectorDefinition connector, Map<String, String> known,
                                 TokenResult result, boolean privateNetwork) {
        Map<String, String> config = new java.util.LinkedHashMap<>(known);
        try {
            config.putAll(discovery.discover(resolver.connectionConfigFields(connector), result.accessToken(), privateNetwork));
        } catch (ConnectionConfigDiscovery.DiscoveryFailed | KeywayException e) {
            return failed(app, state, connector, "discovery_failed", 502);
        }
        ObjectNode credentials = Json.mapper().createObjectNode();
        credentials.put("accessToken", result.accessToken());
        if (result.refreshToken() != null) {
            credentials.put("refreshToken", result.refreshToken());
        }
        if (result.expiresIn() != null) {
            credentials.put("expiresIn", result.expiresIn());
        }
        var scopes = credentials.putArray("scopes");
        (result.scopes() != null ? result.scopes() : state.scopes()).forEach(scopes::add);
        credentials.set("raw", result.raw());
        var grant = new ConnectionGrant(state.connector(), state.authMethod(), state.endUserId(), credentials, config,
                false, state.reconnectLinkedAccountId(), "oauth");
        try {
            return FlowFinish.connected(app, context(app), target(state), state.connector(), connector.displayName(),
                    connections.connect(app.id(), state.sessionId(), grant));
        } catch (KeywayException e) {
            if (e.status() >= 500) {
                throw e;
            }
            // The provider's answer did not fit the connector (an instance URL outside its pattern, …).
            return failed(app, state, connector, e.code(), 502);
        }
    }

    private TokenCall tokenCall(StoredConnector stored, OAuth2Settings settings, OAuthState state,
                                Map<String, String> config, boolean privateNetwork) {
        String clientSecret = connectors.clientSecrets(stored).get(state.authMethod());
        String clientId = stored.definition().authMethod(state.authMethod()).orElseThrow().clientId();
        return TokenCalls.of(settings, clientId, clientSecret, config, privateNetwork);
    }

    /** error=… on the callback: the user said no (access_denied), or the provider refused the request. */
    private PortalResponse providerSaidNo(App app, OAuthState state, ConnectorDefinition connector, String error) {
        String code = error.matches("[A-Za-z0-9_.-]{1,64}") ? error : "provider_error";
        if (!"access_denied".equals(code)) {
            return failed(app, state, connector, code, 502);
        }
        record(app, state, AuthEventTypes.CONNECT_DENIED, code);
        return FlowFinish.failed(app, context(app), target(state), state.connector(), code,
                finish -> new Result.Denied(connector.displayName(), retry(state), finish), 200);
    }

    private PortalResponse failed(App app, OAuthState state, ConnectorDefinition connector, String code, int status) {
        record(app, state, AuthEventTypes.CONNECT_FAILED, code);
        String name = connector == null ? state.connector() : connector.displayName();
        return FlowFinish.failed(app, context(app), target(state), state.connector(), code,
                finish -> new Result.ProviderError(name, code, ProviderErrors.describe(code, name), retry(state), finish),
                status);
    }

    /** Back to the same connector and auth method in the same session (it may have expired meanwhile: then that page says so). */
    private static String retry(OAuthState state) {
        return state.sessionToken() == null ? null
                : PortalLinks.connector(state.sessionToken(), state.connector(),
                        new PortalLinks.Carry(state.finishOrigin(), state.returnUrl()), state.authMethod());
    }

    /**
     * The failure's auth-log entry and the session's result, together. A flow an MCP server's inline
     * link started names that server ({@code details.mcpServerId}), so its failures can be told apart.
     */
    private void record(App app, OAuthState state, String type, String code) {
        var builder = authLog.event(app.id(), type).linkedAccount(state.reconnectLinkedAccountId(), state.endUserId())
                .connector(state.connector()).actor("end_user").detail("authMethod", state.authMethod())
                .detail("code", code);
        Optional.ofNullable(state.sessionId()).flatMap(sessions::find).map(ConnectSession::mcpServerId)
                .ifPresent(server -> builder.detail("mcpServerId", server));
        var event = builder.build();
        try {
            Transactions.write(table, List.of(authLog.entry(event), sessions.recordResult(state.sessionId(),
                    new ConnectSession.Result(ConnectSession.Result.FAILED, null, state.connector(), code, clock.instant()))));
        } catch (Transactions.ConditionFailed sessionExpiredMeanwhile) {
            Transactions.write(table, List.of(authLog.entry(event)));
        }
    }

    private static PageContext context(App app) {
        return new PageContext(PortalLinks.ASSETS, app.name(), null);
    }

    private static FlowFinish.Target target(OAuthState state) {
        return new FlowFinish.Target(state.finishOrigin(), state.returnUrl());
    }

    private static PortalResponse plain(int status, Result result) {
        PortalResponse page = FlowFinish.page(null, PortalPages.result(
                new PageContext(PortalLinks.ASSETS, null, null), result), List.of());
        return FlowFinish.withStatus(page, status);
    }
}
