package dev.keyway.linkedaccounts;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.http.Log;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Retries revocations that failed at delete time (scheduled every few minutes). Success removes
 * the stored token; failure backs off exponentially; after the last attempt the token is kept
 * only until its TTL and the give-up is in the auth log.
 */
@Singleton
public final class RevocationRetryService {
    static final int BATCH = 50;

    public record Run(int attempted, int revoked, int failed) {
    }

    private final KeywayTable table;
    private final PendingRevocations pending;
    private final Revocations revocations;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public RevocationRetryService(KeywayTable table, PendingRevocations pending, Revocations revocations,
                                  AuthLog authLog, Clock clock) {
        this.table = table;
        this.pending = pending;
        this.revocations = revocations;
        this.authLog = authLog;
        this.clock = clock;
    }

    public Run retryDue() {
        Instant now = clock.instant();
        int revoked = 0;
        int failed = 0;
        List<PendingRevocations.Pending> due = pending.due(now, BATCH);
        for (var item : due) {
            if (retry(item, now)) {
                revoked++;
            } else {
                failed++;
            }
        }
        Run run = new Run(due.size(), revoked, failed);
        Log.info("revocation_retry_run", Map.of("attempted", run.attempted(), "revoked", revoked, "failed", failed));
        return run;
    }

    private boolean retry(PendingRevocations.Pending item, Instant now) {
        var revocation = revocations.revocation(item.appId(), item.connector(), item.authMethod(),
                new Revocations.Token(item.token(), item.refreshToken()));
        boolean ok = revocation.isPresent() && revocations.revoke(revocation.get());
        var event = authLog.event(item.appId(), ok ? AuthEventTypes.LINKED_ACCOUNT_REVOKED
                        : AuthEventTypes.LINKED_ACCOUNT_REVOCATION_FAILED)
                .linkedAccount(item.linkedAccountId(), item.endUserId()).connector(item.connector()).actor("scheduler")
                .detail("attempt", Integer.toString(item.attempts() + 1));
        if (!ok) {
            event.detail("willRetry", Boolean.toString(!pending.gaveUp(item) && revocation.isPresent()));
        }
        try {
            Transactions.write(table, List.of(ok || revocation.isEmpty() ? pending.remove(item) : pending.failed(item, now),
                    authLog.entry(event.build())));
        } catch (Transactions.ConditionFailed raced) {
            // another run handled it
        }
        return ok;
    }
}
