package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import dev.keyway.oauth.TokenCall;
import dev.keyway.oauth.TokenClient;
import dev.keyway.oauth.TokenEndpointException;
import dev.keyway.oauth.TokenResult;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * OAUTH2_CLIENT_CREDENTIALS without a browser: the app (or the portal form) gives the client id
 * and secret, Keyway fetches the access token before anything is stored, so a wrong secret is
 * refused at once instead of failing later at run time.
 */
@Singleton
public class ClientCredentialsTokens {
    private final TokenClient tokens;
    private final ProviderCatalog catalog;
    private final LinkedAccountResolver resolver;
    private final Clock clock;

    @Inject
    public ClientCredentialsTokens(TokenClient tokens, ProviderCatalog catalog, LinkedAccountResolver resolver, Clock clock) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** The command with a fresh access token, its expiry and the granted scopes. */
    ImportCommand fetch(String appId, ImportCommand command) {
        Credentials.ClientCredentials client = (Credentials.ClientCredentials) command.credentials();
        OAuth2Settings settings = command.connector().oauth2(command.authMethod().id(), catalog)
                .orElseThrow(() -> KeywayException.invalid("authMethod: has no token endpoint"));
        TokenCall call = TokenCalls.of(settings, client.clientId(), client.clientSecret(), command.connectionConfig(),
                command.connector().customProvider() && resolver.localMode(appId));
        TokenResult result;
        try {
            result = tokens.clientCredentials(call, command.authMethod().scopes());
        } catch (TokenEndpointException e) {
            if (e.kind() == TokenEndpointException.Kind.OAUTH_ERROR) {
                throw new KeywayException(422, "credentials_rejected",
                        "the provider refused these client credentials (" + e.error() + "); nothing was stored");
            }
            throw new KeywayException(502, "provider_error", e.getMessage() + "; nothing was stored, retry later");
        }
        List<String> scopes = result.scopes() != null ? result.scopes() : command.authMethod().scopes();
        return new ImportCommand(command.connector(), command.authMethod(), command.endUserId(), command.externalRef(),
                new Credentials.ClientCredentials(client.clientId(), client.clientSecret(), result.accessToken()),
                result.expiresIn() == null ? null : clock.instant().plusSeconds(result.expiresIn()), scopes,
                command.connectionConfig(), command.verify());
    }
}
