package dev.keyway.functions.connect;

import dev.keyway.connect.PortalResponse;
import dev.keyway.connect.api.Cors;
import dev.keyway.connect.api.SessionApi;
import dev.keyway.connect.oauth.BrowserBinding;
import dev.keyway.connect.oauth.OAuthStart;
import dev.keyway.connect.portal.PortalService;
import dev.keyway.connect.session.ConnectSessionService;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.AuthContext;
import dev.keyway.http.Routes;
import dev.keyway.portal.PortalAssets;
import dev.keyway.portal.PortalHeaders;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Connect sessions ({@code POST /v1/connect-sessions}, app key) and the hosted portal
 * ({@code /connect…}, HTML, authorised by the session token in the link).
 */
public final class ConnectHandler extends ApiHandler {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    public ConnectHandler() {
        this(DaggerConnectComponent.create());
    }

    ConnectHandler(ConnectComponent services) {
        this(services.sessions(), services.portal(), services.oauthStart(), services.sessionApi());
    }

    ConnectHandler(ConnectSessionService sessions, PortalService portal, OAuthStart oauth, SessionApi api) {
        super(new Routes()
                .open("GET /v1/connect/session", req -> sessionApi(api, req, auth ->
                        Cors.json(200, api.describe(auth), req.header("origin"), auth.app())))
                .open("POST /v1/connect/credentials", req -> sessionApi(api, req, auth ->
                        Cors.json(201, api.submit(auth, req.body(SessionApi.MAX_BODY)), req.header("origin"), auth.app())))
                .open("POST /v1/connect/session/activity", req -> sessionApi(api, req, auth -> {
                    api.heartbeat(auth, new String(req.bodyBytes(1024), java.nio.charset.StandardCharsets.UTF_8));
                    return ApiResponse.noContent();
                }))
                .open("OPTIONS /v1/connect/session", req -> Cors.preflight(req.header("origin")))
                .open("OPTIONS /v1/connect/credentials", req -> Cors.preflight(req.header("origin")))
                .app("POST /v1/connect-sessions", (appId, req) ->
                        ApiResponse.created(sessions.create(appId, req.body(), actor(req))))
                .open("GET /connect", req -> page(portal, req, portal::home))
                .open("GET /connect/{connectorKey}", req -> page(portal, req, visit ->
                        portal.connector(visit, req.pathParameter("connectorKey"), req.queryParameter("method"))))
                .open("POST /connect/{connectorKey}", req -> {
                    Map<String, String> form;
                    try {
                        form = req.formFields(PortalService.MAX_FORM_BYTES);
                    } catch (KeywayException e) {
                        // Not a form post a browser makes (no body, too big, another type): the JSON error
                        // docs/openapi.yaml promises, before the session is read.
                        return ApiResponse.error(e.status(), e.code(), e.getMessage());
                    }
                    return dev.keyway.connect.PortalHtml.render(portal, req, Optional.ofNullable(form.get("session")),
                            Optional.ofNullable(form.get("origin")).filter(o -> !o.isEmpty()),
                            Optional.ofNullable(form.get("return")).filter(r -> !r.isEmpty()),
                            visit -> portal.submit(visit, req.pathParameter("connectorKey"), form));
                })
                .open("GET /connect/{connectorKey}/oauth", req -> page(portal, req, visit ->
                        oauth.start(visit, req.pathParameter("connectorKey"), dev.keyway.connect.PortalHtml.query(req),
                                req.cookie(BrowserBinding.cookieName()))))
                .open("GET /connect-assets/{asset}", req -> PortalAssets.get(req.pathParameter("asset"))
                        .map(a -> ApiResponse.raw(200, PortalHeaders.asset(a), a.body(), true))
                        .orElseGet(() -> ApiResponse.error(404, "not_found", "no such asset"))));
    }

    private static ApiResponse page(PortalService portal, ApiRequest req,
                                    Function<PortalService.Visit, PortalResponse> route) {
        return dev.keyway.connect.PortalHtml.render(portal, req, req.queryParameter("session"), req.queryParameter("origin"),
                req.queryParameter("return"), route);
    }

    /** The session API's routes: every answer, errors included, carries CORS headers so the SDK can read it. */
    private static ApiResponse sessionApi(SessionApi api, ApiRequest req,
                                          Function<SessionApi.Authorised, ApiResponse> route) {
        SessionApi.Authorised auth = null;
        try {
            auth = api.authorise(req.header("authorization"));
            return route.apply(auth);
        } catch (KeywayException e) {
            if (e.status() >= 500 && !"verification_unavailable".equals(e.code()) && !"provider_error".equals(e.code())) {
                throw e;
            }
            return Cors.json(e.status(), Map.of("error", Map.of("code", e.code(), "message", e.getMessage())),
                    req.header("origin"), auth == null ? null : auth.app());
        }
    }

    private static String actor(ApiRequest request) {
        return request.authorizerValue(AuthContext.KEY_ID).orElse("unknown");
    }
}
