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
 * Tokens without a browser, for OAUTH2_CLIENT_CREDENTIALS and JWT_BEARER: the app (or the portal
 * form) gives the client id and secret, or the service account's key, and Keyway fetches the access
 * token before anything is stored, so a wrong secret or key is refused at once instead of failing
 * later at run time.
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
        OAuth2Settings settings = command.connector().oauth2(command.authMethod().id(), catalog)
                .orElseThrow(() -> KeywayException.invalid("authMethod: has no token endpoint"));
        boolean privateNetwork = command.connector().customProvider() && resolver.localMode(appId);
        List<String> asked = command.authMethod().scopes();
        TokenResult result;
        Credentials fresh;
        try {
            if (command.credentials() instanceof Credentials.JwtBearer key) {
                TokenCall call = TokenCalls.of(settings, key.issuer(), null, command.connectionConfig(), privateNetwork);
                result = jwtBearer(tokens, settings, key, asked, command.connectionConfig(), clock).apply(call);
                fresh = key.withAccessToken(result.accessToken());
            } else {
                Credentials.ClientCredentials client = (Credentials.ClientCredentials) command.credentials();
                TokenCall call = TokenCalls.of(settings, client.clientId(), client.clientSecret(),
                        command.connectionConfig(), privateNetwork);
                result = tokens.clientCredentials(call, asked);
                fresh = new Credentials.ClientCredentials(client.clientId(), client.clientSecret(), result.accessToken());
            }
        } catch (TokenEndpointException e) {
            if (e.kind() == TokenEndpointException.Kind.OAUTH_ERROR) {
                throw new KeywayException(422, "credentials_rejected",
                        "the provider refused these credentials (" + e.error() + "); nothing was stored");
            }
            throw new KeywayException(502, "provider_error", e.getMessage() + "; nothing was stored, retry later");
        }
        List<String> scopes = result.scopes() != null ? result.scopes() : asked;
        return new ImportCommand(command.connector(), command.authMethod(), command.endUserId(), command.externalRef(),
                fresh, result.expiresIn() == null ? null : clock.instant().plusSeconds(result.expiresIn()), scopes,
                command.connectionConfig(), command.verify());
    }

    /**
     * One JWT bearer token request: a fresh assertion signed with the account's key (audience: the
     * provider's, else the token URL), exchanged at the token endpoint. Import and refresh both use it.
     */
    static java.util.function.Function<TokenCall, TokenResult> jwtBearer(TokenClient tokens, OAuth2Settings settings,
            Credentials.JwtBearer key, List<String> scopes, java.util.Map<String, String> config, Clock clock) {
        return call -> tokens.jwtBearer(call, JwtAssertions.sign(key, settings.assertionAudience() != null
                ? Placeholders.fill(settings.assertionAudience(), config) : call.tokenUrl().toString(),
                scopes, clock.instant()), scopes);
    }
}
