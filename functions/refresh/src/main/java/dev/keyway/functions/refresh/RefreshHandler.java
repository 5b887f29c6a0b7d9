package dev.keyway.functions.refresh;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.linkedaccounts.ScheduledRefresh;
import java.time.Duration;
import java.util.Map;

/**
 * Scheduled (every minute): refreshes the linked accounts that are due and checks the ones that
 * are verified periodically. The scheduled event's content is irrelevant, so it is read as a Map.
 */
public final class RefreshHandler implements RequestHandler<Map<String, Object>, ScheduledRefresh.Run> {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    /** Stop taking work this long before the Lambda timeout: a refresh in flight needs up to the token timeout. */
    static final Duration SAFETY = Duration.ofSeconds(15);
    static final Duration WITHOUT_CONTEXT = Duration.ofSeconds(45);

    private final ScheduledRefresh refresh;

    public RefreshHandler() {
        this(DaggerRefreshComponent.create().refresh());
    }

    RefreshHandler(ScheduledRefresh refresh) {
        this.refresh = refresh;
    }

    @Override
    public ScheduledRefresh.Run handleRequest(Map<String, Object> event, Context context) {
        Duration budget = context == null ? WITHOUT_CONTEXT
                : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY);
        return refresh.run(budget.isNegative() ? Duration.ZERO : budget);
    }
}
