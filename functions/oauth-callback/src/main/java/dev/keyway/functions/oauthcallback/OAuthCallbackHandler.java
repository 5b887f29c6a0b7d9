package dev.keyway.functions.oauthcallback;

import dev.keyway.connect.PortalHtml;
import dev.keyway.connect.oauth.BrowserBinding;
import dev.keyway.connect.oauth.OAuthCallback;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.Routes;

/** {@code GET /oauth/callback}: where every provider sends the browser back (no app key; the state decides). */
public final class OAuthCallbackHandler extends ApiHandler {
    public OAuthCallbackHandler() {
        this(DaggerOAuthCallbackComponent.create().callback());
    }

    OAuthCallbackHandler(OAuthCallback callback) {
        super(new Routes().open("GET /oauth/callback", req -> PortalHtml.guarded(() ->
                callback.finish(PortalHtml.query(req), req.cookie(BrowserBinding.cookieName())))));
    }
}
