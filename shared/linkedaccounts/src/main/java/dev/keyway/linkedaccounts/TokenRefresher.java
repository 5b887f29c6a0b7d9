package dev.keyway.linkedaccounts;

import dev.keyway.audit.AuthEvent;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.StoredConnector;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.connectors.definition.ConnectorDefinition;
import dev.keyway.core.Ids;
import dev.keyway.core.KeywayException;
import dev.keyway.http.Log;
import dev.keyway.oauth.TokenCall;
import dev.keyway.oauth.TokenClient;
import dev.keyway.oauth.TokenEndpointException;
import dev.keyway.oauth.TokenResult;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
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
 * Refreshes one linked account under its lease: take the lease (conditional update, fenced),
 * look again at the account as it is now (another worker may have refreshed it already), call the
 * provider, then write the outcome only if the lease is still ours. A rotated refresh token is
 * stored in the same write as the access token; an answer without one keeps the old one.
 * Accounts that cannot be refreshed but can be verified (API key, basic, OAuth without expiry)
 * get their periodic credential check here too.
 *
 * <p>Outcomes: the provider refused the grant or the credentials → NEEDS_REAUTH, no more retries.
 * Anything transient (no answer, 5xx, 429, HTML) → DEGRADED (reason {@code expired} once the
 * token has run out), retried with capped exponential backoff. Every transition is an auth-log
 * entry written with the account.
 */
@Singleton
public class TokenRefresher {
    /** Longer than the token endpoint's timeout (10 s), so a lease never runs out during a call it covers. */
    public static final Duration LEASE = Duration.ofSeconds(30);
    /** On demand, a token this close to expiry is refreshed first. */
    public static final Duration SKEW = Duration.ofSeconds(60);

    public enum Trigger { SCHEDULED, ON_DEMAND, FORCED }

    /** What one refresh attempt came to. */
    public sealed interface Outcome {
        /** New tokens (or a passed check) were written; {@code account} is what was stored. */
        record Refreshed(StoredAccount account) implements Outcome { }
        /** Nothing to do: another worker refreshed it, or it is not due. */
        record NotNeeded(StoredAccount account) implements Outcome { }
        /** Another worker holds the lease right now. */
        record Busy() implements Outcome { }
        /** The attempt failed; the account now has this status and reason (written). */
        record Failed(StoredAccount account, boolean grantRejected, String reason) implements Outcome { }
        record Gone() implements Outcome { }
    }

    private final KeywayTable table;
    private final LinkedAccountRepository accounts;
    private final ConnectorRepository connectors;
    private final ProviderCatalog catalog;
    private final LinkedAccountResolver resolver;
    private final TokenClient tokens;
    private final CredentialVerifier verifier;
    private final RefreshSchedule schedule;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public TokenRefresher(KeywayTable table, LinkedAccountRepository accounts, ConnectorRepository connectors,
                          ProviderCatalog catalog, LinkedAccountResolver resolver, TokenClient tokens,
                          CredentialVerifier verifier, RefreshSchedule schedule, AuthLog authLog, Clock clock) {
        this.table = table;
        this.accounts = accounts;
        this.connectors = connectors;
        this.catalog = catalog;
        this.resolver = resolver;
        this.tokens = tokens;
        this.verifier = verifier;
        this.schedule = schedule;
        this.authLog = authLog;
        this.clock = clock;
    }

    public Outcome refresh(String linkedAccountId, Trigger trigger) {
        Instant now = clock.instant();
        Optional<LinkedAccountRepository.Leased> taken = accounts.takeLease(linkedAccountId, Ids.newId("lease"), now, LEASE);
        if (taken.isEmpty()) {
            return accounts.find(linkedAccountId).isPresent() ? new Outcome.Busy() : new Outcome.Gone();
        }
        LinkedAccountRepository.Leased lease = taken.get();
        LinkedAccount account = lease.stored().account();
        if (!needed(account, trigger, now)) {
            accounts.releaseLease(lease);
            return new Outcome.NotNeeded(lease.stored());
        }
        Optional<StoredConnector> connector = connectors.find(account.appId(), account.connector());
        Optional<AuthMethodDefinition> method = connector.flatMap(c -> c.definition().authMethod(account.authMethod()));
        if (method.isEmpty()) {
            return failed(lease, new Failure(true, "connector_removed", null), trigger, now);
        }
        try {
            return attempt(lease, connector.get(), method.get(), trigger, now);
        } catch (KeywayException e) {
            // A refused host, a broken placeholder: nothing a retry fixes, and nothing the user can.
            return failed(lease, new Failure(false, e.code(), null), trigger, now);
        }
    }

    private Outcome attempt(LinkedAccountRepository.Leased lease, StoredConnector connector, AuthMethodDefinition method,
                            Trigger trigger, Instant now) {
        LinkedAccount account = lease.stored().account();
        Credentials credentials = accounts.credentials(lease.stored());
        return switch (credentials) {
            case Credentials.OAuth2 o when o.refreshToken() != null && account.expiresAt() != null ->
                    exchange(lease, connector, method, trigger, now, call -> tokens.refresh(call, o.refreshToken()),
                            result -> new Credentials.OAuth2(result.accessToken(),
                                    result.refreshToken() != null ? result.refreshToken() : o.refreshToken()),
                            connector.definition().authMethod(method.id()).orElseThrow().clientId(),
                            connectors.clientSecrets(connector).get(method.id()));
            case Credentials.OAuth2 o when account.expiresAt() != null ->
                    account.expiresAt().isAfter(now) ? reschedule(lease, account.expiresAt())
                            : failed(lease, new Failure(true, "expired_without_refresh_token", null), trigger, now);
            case Credentials.ClientCredentials c when account.expiresAt() != null ->
                    exchange(lease, connector, method, trigger, now, call -> tokens.clientCredentials(call, method.scopes()),
                            result -> new Credentials.ClientCredentials(c.clientId(), c.clientSecret(), result.accessToken()),
                            c.clientId(), c.clientSecret());
            // The key signs a new assertion whenever asked: with or without an expiry (Salesforce sends none), never stuck.
            case Credentials.JwtBearer j ->
                    exchange(lease, connector, method, trigger, now, call -> ClientCredentialsTokens.jwtBearer(tokens,
                                    connector.definition().oauth2(method.id(), catalog).orElseThrow(), j, method.scopes(),
                                    account.connectionConfig(), clock).apply(call),
                            result -> j.withAccessToken(result.accessToken()), j.issuer(), null);
            default -> check(lease, connector.definition(), method, trigger, now);
        };
    }

    private Outcome exchange(LinkedAccountRepository.Leased lease, StoredConnector connector, AuthMethodDefinition method,
                             Trigger trigger, Instant now, java.util.function.Function<TokenCall, TokenResult> request,
                             java.util.function.Function<TokenResult, Credentials> fresh, String clientId,
                             String clientSecret) {
        LinkedAccount account = lease.stored().account();
        ConnectorDefinition definition = connector.definition();
        OAuth2Settings settings = definition.oauth2(method.id(), catalog)
                .orElseThrow(() -> new KeywayException(409, "no_token_endpoint", "the auth method has no token endpoint"));
        TokenCall call = TokenCalls.of(settings, clientId, clientSecret, account.connectionConfig(),
                definition.customProvider() && resolver.localMode(account.appId()));
        TokenResult result;
        try {
            result = request.apply(call);
        } catch (TokenEndpointException e) {
            return failed(lease, new Failure(e.grantRejected(), e.error(), e.retryAfter()), trigger, now);
        }
        Instant expiresAt = result.expiresIn() == null ? null : now.plusSeconds(result.expiresIn());
        List<String> scopes = result.scopes() != null ? result.scopes() : account.scopes();
        LinkedAccount updated = account.refreshed(expiresAt, scopes,
                schedule.afterSuccess(account.id(), definition, method, expiresAt, now), now);
        String type = account.status() == LinkedAccountStatus.CONNECTED ? AuthEventTypes.LINKED_ACCOUNT_REFRESHED
                : AuthEventTypes.LINKED_ACCOUNT_RECOVERED;
        return write(lease, updated, fresh.apply(result), event(updated, type, trigger, null))
                .<Outcome>map(stored -> new Outcome.Refreshed(stored)).orElseGet(Outcome.Busy::new);
    }

    /** The periodic credential check: a verification call with the stored credentials. */
    private Outcome check(LinkedAccountRepository.Leased lease, ConnectorDefinition connector, AuthMethodDefinition method,
                          Trigger trigger, Instant now) {
        LinkedAccount account = lease.stored().account();
        var verdict = verifier.verify(resolver.resolveForCheck(lease.stored()));
        return switch (verdict) {
            case ACCEPTED -> {
                LinkedAccount updated = account.withHealth(LinkedAccountStatus.CONNECTED, null,
                        schedule.afterSuccess(account.id(), connector, method, account.expiresAt(), now), 0, now);
                AuthEvent event = account.status() == LinkedAccountStatus.CONNECTED ? null
                        : event(updated, AuthEventTypes.LINKED_ACCOUNT_RECOVERED, trigger, null);
                yield write(lease, updated, accounts.credentials(lease.stored()), event)
                        .<Outcome>map(Outcome.Refreshed::new).orElseGet(Outcome.Busy::new);
            }
            case REJECTED -> failed(lease, new Failure(true, "credentials_rejected", null), trigger, now);
            case UNAVAILABLE -> failed(lease, new Failure(false, "verification_unavailable", null), trigger, now);
            case NOT_SUPPORTED -> reschedule(lease, null);
        };
    }

    /** Why an attempt failed: {@code grantRejected} means only the end user can fix it. */
    private record Failure(boolean grantRejected, String reason, Duration retryAfter) {
    }

    private Outcome failed(LinkedAccountRepository.Leased lease, Failure failure, Trigger trigger, Instant now) {
        LinkedAccount account = lease.stored().account();
        int failures = account.failures() + 1;
        LinkedAccount updated;
        String type;
        if (failure.grantRejected()) {
            updated = account.withHealth(LinkedAccountStatus.NEEDS_REAUTH, failure.reason(), null, failures, now);
            type = AuthEventTypes.LINKED_ACCOUNT_NEEDS_REAUTH;
        } else {
            boolean expired = account.expiresAt() != null && !account.expiresAt().isAfter(now);
            updated = account.withHealth(LinkedAccountStatus.DEGRADED, expired ? "expired" : failure.reason(),
                    now.plus(schedule.backoff(failures, failure.retryAfter())), failures, now);
            type = account.status() == LinkedAccountStatus.DEGRADED ? AuthEventTypes.LINKED_ACCOUNT_REFRESH_FAILED
                    : AuthEventTypes.LINKED_ACCOUNT_DEGRADED;
        }
        Log.info("linked_account_refresh_failed", Map.of("appId", account.appId(), "linkedAccountId", account.id(),
                "reason", failure.reason(), "failures", failures, "status", updated.status().name()));
        Optional<StoredAccount> stored = write(lease, updated, accounts.credentials(lease.stored()),
                event(updated, type, trigger, failure.reason()));
        return stored.<Outcome>map(s -> new Outcome.Failed(s, failure.grantRejected(), failure.reason()))
                .orElseGet(Outcome.Busy::new);
    }

    /** Nothing to call now: keep the account as it is, due again at {@code due}. */
    private Outcome reschedule(LinkedAccountRepository.Leased lease, Instant due) {
        LinkedAccount account = lease.stored().account();
        LinkedAccount updated = account.withHealth(account.status(), account.statusReason(), due, account.failures(),
                clock.instant());
        return write(lease, updated, accounts.credentials(lease.stored()), null)
                .<Outcome>map(Outcome.NotNeeded::new).orElseGet(Outcome.Busy::new);
    }

    /** Writes under the lease; empty when the lease was lost (another worker's write stands). */
    private Optional<StoredAccount> write(LinkedAccountRepository.Leased lease, LinkedAccount updated,
                                          Credentials credentials, AuthEvent event) {
        LinkedAccountRepository.LeasedWrite write = accounts.putUnderLease(updated, credentials, lease);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(write.put());
        if (event != null) {
            items.add(authLog.entry(event));
        }
        try {
            Transactions.write(table, items);
        } catch (Transactions.ConditionFailed leaseLost) {
            return Optional.empty();
        }
        return Optional.of(write.stored());
    }

    private AuthEvent event(LinkedAccount account, String type, Trigger trigger, String reason) {
        var builder = authLog.event(account.appId(), type).linkedAccount(account.id(), account.endUserId())
                .connector(account.connector()).actor("keyway")
                .detail("trigger", trigger.name().toLowerCase(Locale.ROOT))
                .detail("status", account.status().name());
        if (reason != null) {
            builder.detail("reason", reason).detail("failures", Integer.toString(account.failures()));
        }
        return builder.build();
    }

    static boolean needed(LinkedAccount account, Trigger trigger, Instant now) {
        return switch (trigger) {
            case FORCED -> true;
            // Not while backing off after a failure: resolves during an outage must not storm the provider.
            case ON_DEMAND -> account.status() != LinkedAccountStatus.NEEDS_REAUTH && account.expiresAt() != null
                    && !account.expiresAt().isAfter(now.plus(SKEW))
                    && (account.failures() == 0 || account.nextDueAt() == null || !account.nextDueAt().isAfter(now));
            case SCHEDULED -> account.nextDueAt() != null && !account.nextDueAt().isAfter(now);
        };
    }
}
