package dev.keyway.linkedaccounts;

import dev.keyway.core.KeywayException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Linked accounts as resolve and proxy use them: refreshed first when the access token is within
 * {@link TokenRefresher#SKEW} of expiry. Callers in this container share one in-flight refresh per
 * account; when another container holds the lease, callers wait briefly for its result and read
 * the fresh token. A fresh account costs nothing extra: the one read resolve already does.
 */
@Singleton
public class FreshAccounts {
    static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(100);

    private final LinkedAccountRepository accounts;
    private final LinkedAccountResolver resolver;
    private final TokenRefresher refresher;
    private final Clock clock;
    private final ConcurrentHashMap<String, CompletableFuture<StoredAccount>> inFlight = new ConcurrentHashMap<>();

    @Inject
    public FreshAccounts(LinkedAccountRepository accounts, LinkedAccountResolver resolver, TokenRefresher refresher,
                         Clock clock) {
        this.accounts = accounts;
        this.resolver = resolver;
        this.refresher = refresher;
        this.clock = clock;
    }

    /** The app's account with usable credentials; 404 for unknown or another app's, 409 needs_reauth. */
    public ResolvedAccount resolve(String appId, String linkedAccountId) {
        StoredAccount stored = accounts.findForApp(appId, linkedAccountId)
                .orElseThrow(() -> LinkedAccountRepository.notFound(linkedAccountId));
        if (TokenRefresher.needed(stored.account(), TokenRefresher.Trigger.ON_DEMAND, clock.instant())) {
            stored = shared(linkedAccountId, TokenRefresher.Trigger.ON_DEMAND);
        }
        return resolver.resolve(stored);
    }

    /**
     * After the provider answered 401 to {@code rejected}'s credentials: one refresh (shared with any
     * already running), then the account to retry with once; empty when there is nothing better to
     * retry with (the refresh failed, or the account cannot be refreshed).
     */
    public Optional<ResolvedAccount> afterUnauthorized(ResolvedAccount rejected) {
        StoredAccount after = shared(rejected.account().id(), TokenRefresher.Trigger.FORCED);
        if (after.account().status() == LinkedAccountStatus.NEEDS_REAUTH
                || after.account().version() == rejected.account().version()) {
            return Optional.empty();
        }
        ResolvedAccount fresh = resolver.resolve(after);
        return fresh.credentials().equals(rejected.credentials()) ? Optional.empty() : Optional.of(fresh);
    }

    /** {@code POST /v1/linked-accounts/{id}/refresh}: refresh now, whatever the expiry. */
    public StoredAccount forceRefresh(String appId, String linkedAccountId) {
        accounts.findForApp(appId, linkedAccountId).orElseThrow(() -> LinkedAccountRepository.notFound(linkedAccountId));
        return shared(linkedAccountId, TokenRefresher.Trigger.FORCED);
    }

    /** One refresh per account per container at a time; everyone else here waits for its result. */
    private StoredAccount shared(String id, TokenRefresher.Trigger trigger) {
        CompletableFuture<StoredAccount> mine = new CompletableFuture<>();
        CompletableFuture<StoredAccount> running = inFlight.putIfAbsent(id, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            StoredAccount result = refreshOrWait(id, trigger);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(id, mine);
        }
    }

    private StoredAccount refreshOrWait(String id, TokenRefresher.Trigger trigger) {
        return switch (refresher.refresh(id, trigger)) {
            case TokenRefresher.Outcome.Refreshed r -> r.account();
            case TokenRefresher.Outcome.NotNeeded n -> n.account();
            case TokenRefresher.Outcome.Failed f -> f.account();
            case TokenRefresher.Outcome.Gone g -> throw LinkedAccountRepository.notFound(id);
            case TokenRefresher.Outcome.Busy b -> waitForOther(id);
        };
    }

    /** Another container is refreshing: read again until its lease is gone, briefly. */
    private StoredAccount waitForOther(String id) {
        // Real time for the wait itself: tests move the injected clock, and a moved clock must not spin here.
        long giveUp = System.nanoTime() + WAIT_FOR_OTHERS.toNanos();
        while (true) {
            StoredAccount now = accounts.find(id).orElseThrow(() -> LinkedAccountRepository.notFound(id));
            if (!LinkedAccountRepository.leaseHeld(now.item(), clock.instant()) || System.nanoTime() > giveUp) {
                return now;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeywayException(503, "refresh_interrupted", "interrupted while waiting for a refresh");
            }
        }
    }
}
