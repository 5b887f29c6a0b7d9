package dev.keyway.functions.linkedaccounts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.linkedaccounts.RevocationRetryService;
import java.util.Map;

/**
 * Scheduled (every 5 minutes): retries provider revocations that failed when their linked
 * account was deleted. The scheduled event's content is irrelevant, so it is read as a Map.
 */
public final class RevocationRetryHandler implements RequestHandler<Map<String, Object>, RevocationRetryService.Run> {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    private final RevocationRetryService retries;

    public RevocationRetryHandler() {
        this(DaggerRevocationRetryComponent.create().retries());
    }

    RevocationRetryHandler(RevocationRetryService retries) {
        this.retries = retries;
    }

    @Override
    public RevocationRetryService.Run handleRequest(Map<String, Object> event, Context context) {
        return retries.retryDue();
    }
}
