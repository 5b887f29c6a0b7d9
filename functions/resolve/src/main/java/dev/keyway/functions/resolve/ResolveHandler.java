package dev.keyway.functions.resolve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import dev.keyway.http.Log;
import dev.keyway.linkedaccounts.ResolveService;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Resolve, for trusted callers only: invoked with Lambda Invoke under IAM (no HTTP route).
 * Input {@code {appId, linkedAccountId}} or {@code {appId, endUserId, connector}}; output the
 * credentials and how to apply them, or {@code {"error": {code, message, status}}} that
 * {@code ResolveClient} turns into a typed exception.
 */
public final class ResolveHandler implements RequestHandler<ResolveService.Request, Object> {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    private final ResolveService resolve;

    public ResolveHandler() {
        this(DaggerResolveComponent.create().resolve());
    }

    ResolveHandler(ResolveService resolve) {
        this.resolve = resolve;
    }

    @Override
    public Object handleRequest(ResolveService.Request request, Context context) {
        try {
            return resolve.resolve(request);
        } catch (KeywayException e) {
            return error(e.status(), e.code(), e.getMessage());
        } catch (SdkException e) {
            Log.error("resolve_unavailable", Map.of("exception", e.getClass().getName()));
            return error(503, "service_unavailable", "storage is unavailable; retry with backoff");
        }
    }

    private static Map<String, Object> error(int status, String code, String message) {
        return Map.of("error", Map.of("status", status, "code", code, "message", message));
    }
}
