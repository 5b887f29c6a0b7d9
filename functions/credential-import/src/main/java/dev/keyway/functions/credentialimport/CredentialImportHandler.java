package dev.keyway.functions.credentialimport;

import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.AuthContext;
import dev.keyway.http.Routes;
import dev.keyway.linkedaccounts.CredentialImportService;

/** {@code POST /v1/linked-accounts/import} and {@code …/import/batch}: bring existing credentials in. */
public final class CredentialImportHandler extends ApiHandler {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    /** A batch holds up to 100 accounts with tokens of a few KiB each. */
    static final int MAX_BATCH_BODY_BYTES = 1024 * 1024;

    public CredentialImportHandler() {
        this(DaggerCredentialImportComponent.create().imports());
    }

    CredentialImportHandler(CredentialImportService imports) {
        super(new Routes()
                .app("POST /v1/linked-accounts/import", (appId, req) -> {
                    var result = imports.importOne(appId, req.body(), actor(req));
                    return result.result() == CredentialImportService.Outcome.created
                            ? ApiResponse.created(result) : ApiResponse.ok(result);
                })
                .app("POST /v1/linked-accounts/import/batch", (appId, req) ->
                        ApiResponse.ok(imports.importBatch(appId, req.body(MAX_BATCH_BODY_BYTES), actor(req)))));
    }

    private static String actor(ApiRequest request) {
        return request.authorizerValue(AuthContext.KEY_ID).orElse("unknown");
    }
}
