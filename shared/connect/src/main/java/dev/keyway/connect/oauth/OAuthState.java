package dev.keyway.connect.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A started authorization-code flow, kept server-side until the callback: single use, 10 minutes.
 * Stored under the hash of the {@code state} value; the PKCE verifier is encrypted.
 *
 * @param sessionToken      the connect session's token (encrypted at rest), for a "try again" link when the flow fails
 * @param browserBinding    hash of the cookie that ties the flow to the browser that started it
 * @param connectionConfig  values the end user typed before the redirect (a Shopify shop, an Okta domain)
 * @param finishOrigin      the opener/parent origin a popup or iframe flow reports to; null for redirect mode
 * @param returnUrl         the session's returnUrl for redirect mode; may be null
 */
public record OAuthState(
        String id,
        String appId,
        String sessionId,
        String connector,
        String authMethod,
        String endUserId,
        String reconnectLinkedAccountId,
        String codeVerifier,
        String sessionToken,
        String browserBinding,
        String redirectUri,
        List<String> scopes,
        Map<String, String> connectionConfig,
        String finishOrigin,
        String returnUrl,
        Instant expiresAt) {

    public OAuthState {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        connectionConfig = connectionConfig == null ? Map.of() : Map.copyOf(connectionConfig);
    }

    @Override
    public String toString() {
        return "OAuthState[" + connector + "/" + authMethod + ", app=" + appId + "]";
    }
}
