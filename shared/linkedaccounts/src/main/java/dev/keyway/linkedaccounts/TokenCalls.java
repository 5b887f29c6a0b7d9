package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.oauth.TokenCall;
import java.net.URI;
import java.util.Map;

/** A {@link TokenCall} from a connector's OAuth settings, the client, and the account's connection config. */
public final class TokenCalls {
    private TokenCalls() {
    }

    public static TokenCall of(OAuth2Settings settings, String clientId, String clientSecret, Map<String, String> config,
                        boolean privateNetwork) {
        return new TokenCall(URI.create(Placeholders.fill(settings.tokenUrl(), config)), clientId, clientSecret,
                settings.tokenEndpointAuth(), settings.tokenRequestHeaders(), settings.scopeSeparator(),
                settings.tokenResponseRoot(), privateNetwork);
    }
}
