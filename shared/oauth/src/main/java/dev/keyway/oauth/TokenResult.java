package dev.keyway.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A successful token response, leniently read (see {@link TokenClient}).
 *
 * @param expiresIn seconds, or null when the provider did not say
 * @param scopes    the scopes the provider says it granted; null when it did not say (then the
 *                  requested scopes are what was granted, RFC 6749 section 5.1)
 * @param raw       the whole response body as JSON, for the catalog's token-response mappings
 *                  (Salesforce instance_url, Microsoft tenant); it holds the tokens, so never log it
 */
public record TokenResult(String accessToken, String refreshToken, Long expiresIn, List<String> scopes, JsonNode raw) {
    @Override
    public String toString() {
        return "TokenResult[expiresIn=" + expiresIn + ", refreshToken=" + (refreshToken != null) + ", scopes=" + scopes + "]";
    }
}
