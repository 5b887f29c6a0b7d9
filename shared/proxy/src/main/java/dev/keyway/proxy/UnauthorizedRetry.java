package dev.keyway.proxy;

import dev.keyway.linkedaccounts.ResolvedAccount;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The seam for "a provider 401 through the proxy → one refresh and retry, then NEEDS_REAUTH"
 * (ARCHITECTURE.md, flow 4). For now nothing is refreshed and the 401 goes back to the caller as
 * the provider sent it. The refresh issue implements {@link #refreshed}: refresh under the lease
 * (sharing a refresh already running), return the account with its new credentials for the one
 * retry, or mark it NEEDS_REAUTH and return empty.
 */
@Singleton
public class UnauthorizedRetry {

    @Inject
    public UnauthorizedRetry() {
    }

    /** Fresh credentials to retry with once, or empty to pass the provider's 401 through. */
    public Optional<ResolvedAccount> refreshed(ResolvedAccount rejected) {
        return Optional.empty();
    }
}
