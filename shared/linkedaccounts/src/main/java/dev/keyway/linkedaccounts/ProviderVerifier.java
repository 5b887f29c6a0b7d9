package dev.keyway.linkedaccounts;

import dev.keyway.connectors.ConnectorCache;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.catalog.Verification;
import dev.keyway.upstream.UpstreamClient;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Verifies credentials with one call to the verification endpoint: the catalog's, or a custom connector's own. */
@Singleton
public final class ProviderVerifier implements CredentialVerifier {
    private final UpstreamClient upstream;
    private final ConnectorCache connectors;
    private final ProviderCatalog catalog;

    @Inject
    public ProviderVerifier(UpstreamClient upstream, ConnectorCache connectors, ProviderCatalog catalog) {
        this.upstream = upstream;
        this.connectors = connectors;
        this.catalog = catalog;
    }

    @Override
    public Verdict verify(ResolvedAccount account) {
        if (account.credentials() instanceof Credentials.Custom) {
            // A CUSTOM account has no HTTP credential for the verification call: its own check (HTTP or TCP) instead.
            return connectors.find(account.account().appId(), account.account().connector())
                    .flatMap(c -> c.authMethod(account.account().authMethod()))
                    .map(m -> m.check()).map(check -> CustomCheck.run(check, account)).orElse(Verdict.NOT_SUPPORTED);
        }
        return verification(account).map(v -> verify(account, v)).orElse(Verdict.NOT_SUPPORTED);
    }

    /** One request with the account's credentials; 2xx accepts, 401/403 rejects, anything else is unavailable. */
    Verdict verify(ResolvedAccount account, Verification verification) {
        var result = upstream.verify(account.baseUrl(), account.allowPrivateNetwork(), UpstreamCredentials.of(account),
                account.defaultHeaders(), verification.method(), verification.path(), verification.body());
        return switch (result.verdict()) {
            case ACCEPTED -> Verdict.ACCEPTED;
            case REJECTED -> Verdict.REJECTED;
            case UNAVAILABLE -> Verdict.UNAVAILABLE;
        };
    }

    private Optional<Verification> verification(ResolvedAccount account) {
        return connectors.find(account.account().appId(), account.account().connector())
                .flatMap(c -> c.verification(catalog));
    }
}
