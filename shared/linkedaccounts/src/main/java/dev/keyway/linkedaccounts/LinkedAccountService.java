package dev.keyway.linkedaccounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.KeywayException;
import dev.keyway.core.PageSize;
import dev.keyway.http.Log;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The linked accounts API: list and read (status and metadata, never a secret) and delete,
 * which first revokes the grant at the provider where it can (RFC 7009). A failed revocation
 * never blocks the delete: the token is kept encrypted and retried by {@link RevocationRetryService}.
 */
@Singleton
public final class LinkedAccountService {
    public record Listing(List<LinkedAccountView> data, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    private final KeywayTable table;
    private final LinkedAccountRepository accounts;
    private final PendingRevocations pending;
    private final Revocations revocations;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public LinkedAccountService(KeywayTable table, LinkedAccountRepository accounts, PendingRevocations pending,
                                Revocations revocations, AuthLog authLog, Clock clock) {
        this.table = table;
        this.accounts = accounts;
        this.pending = pending;
        this.revocations = revocations;
        this.authLog = authLog;
        this.clock = clock;
    }

    public LinkedAccountView get(String appId, String id) {
        return accounts.findForApp(appId, id).map(s -> LinkedAccountView.of(s.account()))
                .orElseThrow(() -> LinkedAccountRepository.notFound(id));
    }

    public Listing list(String appId, Optional<String> endUserId, Optional<String> connector, Optional<String> status,
                        Optional<String> cursor, Optional<String> limit) {
        var filter = new LinkedAccountRepository.Filter(endUserId, connector, status.map(LinkedAccountService::status));
        var page = accounts.list(appId, filter, cursor.orElse(null), PageSize.parse(limit));
        return new Listing(page.items().stream().map(LinkedAccountView::of).toList(), page.nextCursor());
    }

    public void delete(String appId, String id, String actor) {
        StoredAccount stored = accounts.findForApp(appId, id).orElseThrow(() -> LinkedAccountRepository.notFound(id));
        LinkedAccount account = stored.account();
        Instant now = clock.instant();
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                accounts.delete(account), accounts.deleteImportRef(account)));
        String revocation = revokeOrQueue(stored, now, actor, writes);
        writes.add(authLog.entry(authLog.event(appId, AuthEventTypes.LINKED_ACCOUNT_DELETED)
                .linkedAccount(account.id(), account.endUserId()).connector(account.connector()).actor(actor)
                .detail("revocation", revocation).build()));
        try {
            Transactions.write(table, writes);
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.conflict("linked account " + id + " changed while it was being deleted; retry");
        }
    }

    /** Revokes at the provider now; on failure adds the retry record. Returns what happened, for the log. */
    private String revokeOrQueue(StoredAccount stored, Instant now, String actor, List<TransactWriteItem> writes) {
        LinkedAccount account = stored.account();
        var token = Revocations.tokenOf(accounts.credentials(stored));
        if (token.isEmpty()) {
            return "none";
        }
        var revocation = revocations.revocation(account.appId(), account.connector(), account.authMethod(), token.get());
        if (revocation.isEmpty()) {
            return "not_supported";
        }
        var event = authLog.event(account.appId(), AuthEventTypes.LINKED_ACCOUNT_REVOKED)
                .linkedAccount(account.id(), account.endUserId()).connector(account.connector()).actor(actor);
        if (revocations.revoke(revocation.get())) {
            writes.add(authLog.entry(event.build()));
            return "revoked";
        }
        Log.warn("revocation_failed", Map.of("linkedAccountId", account.id(), "connector", account.connector()));
        writes.add(pending.add(account, token.get().value(), token.get().refreshToken(), now));
        writes.add(authLog.entry(authLog.event(account.appId(), AuthEventTypes.LINKED_ACCOUNT_REVOCATION_FAILED)
                .linkedAccount(account.id(), account.endUserId()).connector(account.connector()).actor(actor)
                .detail("attempt", "1").detail("willRetry", "true").build()));
        return "queued";
    }

    private static LinkedAccountStatus status(String value) {
        try {
            return LinkedAccountStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw KeywayException.invalid("status: one of CONNECTED, DEGRADED, NEEDS_REAUTH");
        }
    }

}
