package dev.keyway.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds the authorization-code request (RFC 6749 4.1.1, PKCE RFC 7636) through the Nimbus SDK. */
public final class AuthorizationUrls {

    /**
     * What the browser is sent to.
     *
     * @param authorizationUrl the provider's endpoint, placeholders filled
     * @param scopeParam       the parameter carrying scopes ("scope"; Slack's user tokens use "user_scope")
     * @param scopeSeparator   " " (RFC 6749) or "," for providers that want commas
     * @param codeVerifier     null when the provider refuses PKCE (the catalog says so)
     * @param extraParams      the catalog's and the connector's authorization parameters
     */
    public record Request(URI authorizationUrl, String clientId, URI redirectUri, List<String> scopes,
                          String scopeParam, String scopeSeparator, String state, String codeVerifier,
                          Map<String, String> extraParams) {
        @Override
        public String toString() {
            return "AuthorizationUrls.Request[" + authorizationUrl + ", clientId=" + clientId + "]";
        }
    }

    private AuthorizationUrls() {
    }

    public static URI build(Request r) {
        AuthorizationRequest.Builder builder = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(r.clientId()))
                .endpointURI(r.authorizationUrl())
                .redirectionURI(r.redirectUri())
                .state(new State(r.state()));
        if (r.codeVerifier() != null) {
            builder.codeChallenge(new CodeVerifier(r.codeVerifier()), CodeChallengeMethod.S256);
        }
        // The scope goes in as a plain parameter: Nimbus's Scope always joins with spaces, and some
        // providers want commas or another parameter name.
        if (!r.scopes().isEmpty()) {
            builder.customParameter(r.scopeParam() == null ? "scope" : r.scopeParam(),
                    String.join(r.scopeSeparator() == null ? " " : r.scopeSeparator(), r.scopes()));
        }
        r.extraParams().forEach(builder::customParameter);
        return builder.build().toURI();
    }

    /** A fresh state: 256 random bits, URL-safe (Nimbus's default length). */
    public static String newState() {
        return new State().getValue();
    }

    /** A fresh PKCE code verifier: 256 random bits, base64url (RFC 7636 4.1). */
    public static String newCodeVerifier() {
        return new CodeVerifier().getValue();
    }
}
