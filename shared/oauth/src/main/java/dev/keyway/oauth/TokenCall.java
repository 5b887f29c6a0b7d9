package dev.keyway.oauth;

import dev.keyway.connectors.catalog.TokenEndpointAuth;
import java.net.URI;
import java.util.Map;

/**
 * How to reach one provider's token endpoint: its URL (placeholders already filled), the OAuth
 * client, how the client authenticates, extra headers the provider wants, and where the tokens sit
 * in its answer.
 *
 * @param tokenResponseRoot   JSON pointer to the object holding access_token etc. ("" = the root)
 * @param allowPrivateNetwork true only for a local-mode app's custom connector (tests, bin/dev)
 */
public record TokenCall(
        URI tokenUrl,
        String clientId,
        String clientSecret,
        TokenEndpointAuth auth,
        Map<String, String> headers,
        String scopeSeparator,
        String tokenResponseRoot,
        boolean allowPrivateNetwork) {

    public TokenCall {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        scopeSeparator = scopeSeparator == null ? " " : scopeSeparator;
        tokenResponseRoot = tokenResponseRoot == null ? "" : tokenResponseRoot;
        auth = auth == null ? TokenEndpointAuth.CLIENT_SECRET_BASIC : auth;
    }

    @Override
    public String toString() {
        return "TokenCall[" + tokenUrl + ", clientId=" + clientId + ", auth=" + auth + "]";
    }
}
