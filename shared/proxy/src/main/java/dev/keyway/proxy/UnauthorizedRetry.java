package dev.keyway.proxy;

import dev.keyway.linkedaccounts.FreshAccounts;
import dev.keyway.linkedaccounts.ResolvedAccount;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * "A provider 401 through the proxy → one refresh and one retry, then NEEDS_REAUTH"
 * (ARCHITECTURE.md, flow 4): refresh under the lease (sharing a refresh already running in this
 * container), and answer the account with its new credentials for the one retry. When the refresh
 * fails the account's status says why (NEEDS_REAUTH for a refused grant) and the provider's 401
 * goes back to the caller.
 */
@Singleton
public class UnauthorizedRetry {
    private final FreshAccounts fresh;

    @Inject
    public UnauthorizedRetry(FreshAccounts fresh) {
        this.fresh = fresh;
    }

    /** Fresh credentials to retry with once, or empty to pass the provider's 401 through. */
    public Optional<ResolvedAccount> refreshed(ResolvedAccount rejected) {
        return fresh.afterUnauthorized(rejected);
    }
}
