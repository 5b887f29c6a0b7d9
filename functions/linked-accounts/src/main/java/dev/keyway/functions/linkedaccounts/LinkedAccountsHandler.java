package dev.keyway.functions.linkedaccounts;

import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.AuthContext;
import dev.keyway.http.Routes;
import dev.keyway.linkedaccounts.FreshAccounts;
import dev.keyway.linkedaccounts.LinkedAccountService;
import dev.keyway.linkedaccounts.LinkedAccountView;

/** {@code /v1/linked-accounts…}: list, read, refresh now and delete linked accounts (status and metadata only). */
public final class LinkedAccountsHandler extends ApiHandler {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    public LinkedAccountsHandler() {
        this(DaggerLinkedAccountsComponent.create());
    }

    private LinkedAccountsHandler(LinkedAccountsComponent services) {
        this(services.linkedAccounts(), services.fresh());
    }

    LinkedAccountsHandler(LinkedAccountService accounts, FreshAccounts fresh) {
        super(new Routes()
                .app("GET /v1/linked-accounts", (appId, req) -> ApiResponse.ok(accounts.list(appId,
                        req.queryParameter("endUserId"), req.queryParameter("connector"), req.queryParameter("status"),
                        req.queryParameter("cursor"), req.queryParameter("limit"))))
                .app("GET /v1/linked-accounts/{linkedAccountId}", (appId, req) ->
                        ApiResponse.ok(accounts.get(appId, req.pathParameter("linkedAccountId"))))
                .app("POST /v1/linked-accounts/{linkedAccountId}/refresh", (appId, req) -> ApiResponse.ok(
                        LinkedAccountView.of(fresh.forceRefresh(appId, req.pathParameter("linkedAccountId")).account())))
                .app("DELETE /v1/linked-accounts/{linkedAccountId}", (appId, req) -> {
                    accounts.delete(appId, req.pathParameter("linkedAccountId"), actor(req));
                    return ApiResponse.noContent();
                }));
    }

    private static String actor(ApiRequest request) {
        return request.authorizerValue(AuthContext.KEY_ID).orElse("unknown");
    }
}
