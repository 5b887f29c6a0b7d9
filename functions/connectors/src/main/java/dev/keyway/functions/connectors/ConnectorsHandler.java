package dev.keyway.functions.connectors;

import dev.keyway.connectors.ConnectorService;
import dev.keyway.apps.AppSettingsService;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.http.ApiHandler;
import dev.keyway.linkedaccounts.ScopeChanges;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.AuthContext;
import dev.keyway.http.Routes;

/** App settings over HTTP: {@code /v1/settings}, {@code /v1/connectors…} and {@code /v1/providers}. */
public final class ConnectorsHandler extends ApiHandler {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    static final String CONNECTOR_KEY = "connectorKey";

    public ConnectorsHandler() {
        this(DaggerConnectorsComponent.create());
    }

    private ConnectorsHandler(ConnectorsComponent services) {
        this(services.connectors(), services.settings(), services.scopeChanges());
    }

    ConnectorsHandler(ConnectorService connectors, AppSettingsService settings, ScopeChanges scopeChanges) {
        super(routes(connectors, settings, scopeChanges));
    }

    static Routes routes(ConnectorService connectors, AppSettingsService settings, ScopeChanges scopeChanges) {
        return new Routes()
                .app("GET /v1/settings", (appId, req) -> ApiResponse.ok(settings.get(appId)))
                .app("PATCH /v1/settings", (appId, req) -> ApiResponse.ok(settings.patch(appId, req.body(), actor(req))))
                .app("PUT /v1/connectors/{connectorKey}", (appId, req) -> {
                    var saved = connectors.put(appId, req.pathParameter(CONNECTOR_KEY), req.body(), actor(req));
                    // Accounts not granted newly asked-for scopes must reconnect (after the save, so a retry repeats it).
                    scopeChanges.apply(appId, req.pathParameter(CONNECTOR_KEY), saved.addedScopes(), actor(req));
                    return saved.created() ? ApiResponse.created(saved.connector()) : ApiResponse.ok(saved.connector());
                })
                .app("GET /v1/connectors/{connectorKey}", (appId, req) ->
                        ApiResponse.ok(connectors.get(appId, req.pathParameter(CONNECTOR_KEY))))
                .app("DELETE /v1/connectors/{connectorKey}", (appId, req) -> {
                    connectors.delete(appId, req.pathParameter(CONNECTOR_KEY), actor(req));
                    return ApiResponse.noContent();
                })
                .app("GET /v1/connectors", (appId, req) ->
                        ApiResponse.ok(connectors.list(appId, req.queryParameter("cursor"), req.queryParameter("limit"))))
                .app("GET /v1/providers", (appId, req) -> ApiResponse.ok(connectors.providers()));
    }

    /** The app key that made the change, for the auth log. */
    private static String actor(ApiRequest request) {
        return request.authorizerValue(AuthContext.KEY_ID).orElse("unknown");
    }
}
