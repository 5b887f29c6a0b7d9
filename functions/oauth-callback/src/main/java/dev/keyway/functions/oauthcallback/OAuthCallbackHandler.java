package dev.keyway.functions.oauthcallback;

import dev.keyway.connect.PortalHtml;
import dev.keyway.connect.oauth.BrowserBinding;
import dev.keyway.connect.oauth.OAuthCallback;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.Routes;

/** {@code GET /oauth/callback}: where every provider sends the browser back (no app key; the state decides). */
public final class OAuthCallbackHandler extends ApiHandler {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    public OAuthCallbackHandler() {
        this(DaggerOAuthCallbackComponent.create().callback());
    }

    OAuthCallbackHandler(OAuthCallback callback) {
        super(new Routes().open("GET /oauth/callback", req -> PortalHtml.guarded(() ->
                callback.finish(PortalHtml.query(req), req.cookie(BrowserBinding.cookieName())))));
    }
}
