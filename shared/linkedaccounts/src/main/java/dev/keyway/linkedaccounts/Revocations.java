package dev.keyway.linkedaccounts;

import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.StoredConnector;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.catalog.TokenEndpointAuth;
import java.net.URI;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Which token of an account to revoke, where, and with which client credentials. */
@Singleton
final class Revocations {
    private final ConnectorRepository connectors;
    private final ProviderCatalog catalog;
    private final TokenRevoker revoker;

    @Inject
    Revocations(ConnectorRepository connectors, ProviderCatalog catalog, TokenRevoker revoker) {
        this.connectors = connectors;
        this.catalog = catalog;
        this.revoker = revoker;
    }

    /** The token worth revoking: the refresh token (it ends the whole grant), else the access token. */
    static Optional<Token> tokenOf(Credentials credentials) {
        if (credentials instanceof Credentials.OAuth2 oauth) {
            return oauth.refreshToken() != null ? Optional.of(new Token(oauth.refreshToken(), true))
                    : Optional.ofNullable(oauth.accessToken()).map(t -> new Token(t, false));
        }
        return Optional.empty();
    }

    record Token(String value, boolean refreshToken) {
        @Override
        public String toString() {
            return "Token[refresh=" + refreshToken + "]";
        }
    }

    /** Empty when the connector's provider has no revocation endpoint (nothing to do). */
    Optional<TokenRevoker.Revocation> revocation(String appId, String connectorKey, String authMethod, Token token) {
        Optional<StoredConnector> stored = connectors.find(appId, connectorKey);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Optional<OAuth2Settings> settings = stored.get().definition().oauth2(authMethod, catalog);
        if (settings.isEmpty() || settings.get().revocationUrl() == null) {
            return Optional.empty();
        }
        String clientId = stored.get().definition().authMethod(authMethod).map(m -> m.clientId()).orElse(null);
        String clientSecret = connectors.clientSecrets(stored.get()).get(authMethod);
        if (clientId == null || clientSecret == null) {
            return Optional.empty();
        }
        TokenEndpointAuth auth = settings.get().tokenEndpointAuth() == null
                ? TokenEndpointAuth.CLIENT_SECRET_BASIC : settings.get().tokenEndpointAuth();
        return Optional.of(new TokenRevoker.Revocation(URI.create(settings.get().revocationUrl()), clientId, clientSecret,
                auth, token.value(), token.refreshToken()));
    }

    boolean revoke(TokenRevoker.Revocation revocation) {
        return revoker.revoke(revocation);
    }
}
