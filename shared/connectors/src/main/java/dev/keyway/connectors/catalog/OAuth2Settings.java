package dev.keyway.connectors.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol side of an OAuth 2.0 auth method: endpoints and the quirks a client must honour.
 * For OAUTH2_CLIENT_CREDENTIALS only {@code tokenUrl} and the token settings apply.
 *
 * @param pkce                 true (the normal case): send an S256 code challenge; false only where the
 *                             provider refuses or breaks with PKCE
 * @param scopeParam           the authorization-request parameter that carries the scopes; {@code scope}
 *                             unless the provider uses another (Slack user tokens: {@code user_scope})
 * @param tokenResponseRoot    a JSON pointer to the object of the token response that holds access_token,
 *                             refresh_token, expires_in and scope; "" is the response itself (Slack user
 *                             tokens: {@code /authed_user})
 * @param refreshMarginSeconds refresh this long before the access token expires, where the provider
 *                             documents a buffer; null leaves the refresher's own margin
 * @param assertionAudience    JWT_BEARER: the {@code aud} of the signed assertion where the provider wants
 *                             something other than the token URL (Salesforce: https://login.salesforce.com)
 */
public record OAuth2Settings(
        String authorizationUrl,
        String tokenUrl,
        String revocationUrl,
        String scopeSeparator,
        List<String> defaultScopes,
        Map<String, String> authorizationParams,
        Map<String, String> tokenRequestHeaders,
        boolean pkce,
        TokenEndpointAuth tokenEndpointAuth,
        TokenExpiry tokenExpiry,
        boolean refreshTokens,
        String scopeParam,
        String tokenResponseRoot,
        Integer refreshMarginSeconds,
        String assertionAudience) {

    public static final String DEFAULT_SCOPE_PARAM = "scope";

    public OAuth2Settings {
        scopeSeparator = scopeSeparator == null ? " " : scopeSeparator;
        defaultScopes = defaultScopes == null ? List.of() : List.copyOf(defaultScopes);
        authorizationParams = orderedCopy(authorizationParams);
        tokenRequestHeaders = orderedCopy(tokenRequestHeaders);
        tokenEndpointAuth = tokenEndpointAuth == null ? TokenEndpointAuth.CLIENT_SECRET_BASIC : tokenEndpointAuth;
        scopeParam = scopeParam == null ? DEFAULT_SCOPE_PARAM : scopeParam;
        tokenResponseRoot = tokenResponseRoot == null ? "" : tokenResponseRoot;
    }

    /** The same settings with {@code extra} authorization parameters laid over this one's. */
    public OAuth2Settings withAuthorizationParams(Map<String, String> extra) {
        if (extra == null || extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(authorizationParams);
        merged.putAll(extra);
        return new OAuth2Settings(authorizationUrl, tokenUrl, revocationUrl, scopeSeparator, defaultScopes,
                merged, tokenRequestHeaders, pkce, tokenEndpointAuth, tokenExpiry, refreshTokens, scopeParam,
                tokenResponseRoot, refreshMarginSeconds, assertionAudience);
    }

    /** An unmodifiable copy that keeps the order it was written in (it shows in API responses). */
    static Map<String, String> orderedCopy(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
