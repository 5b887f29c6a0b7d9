package dev.keyway.linkedaccounts;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import dev.keyway.connectors.catalog.TokenEndpointAuth;
import java.io.IOException;
import java.net.URI;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * RFC 7009 token revocation, on the wire through the Nimbus OAuth 2.0 SDK. A 200 is success
 * (the RFC says a server answers 200 even for a token it no longer knows); anything else,
 * including no answer, is a failure to retry later.
 */
@Singleton
public class TokenRevoker {
    static final int TIMEOUT_MS = 5_000;

    /** What to revoke and how to authenticate; {@code toString} keeps the secrets out of logs. */
    public record Revocation(URI endpoint, String clientId, String clientSecret, TokenEndpointAuth auth,
                             String token, boolean refreshToken) {
        @Override
        public String toString() {
            return "Revocation[" + endpoint + ", refreshToken=" + refreshToken + "]";
        }
    }

    @Inject
    public TokenRevoker() {
    }

    public boolean revoke(Revocation revocation) {
        ClientAuthentication client = revocation.auth() == TokenEndpointAuth.CLIENT_SECRET_POST
                ? new ClientSecretPost(new ClientID(revocation.clientId()), new Secret(revocation.clientSecret()))
                : new ClientSecretBasic(new ClientID(revocation.clientId()), new Secret(revocation.clientSecret()));
        Token token = revocation.refreshToken()
                ? new RefreshToken(revocation.token()) : new BearerAccessToken(revocation.token());
        HTTPRequest request = new TokenRevocationRequest(revocation.endpoint(), client, token).toHTTPRequest();
        request.setConnectTimeout(TIMEOUT_MS);
        request.setReadTimeout(TIMEOUT_MS);
        request.setFollowRedirects(false);
        try {
            HTTPResponse response = request.send();
            return response.getStatusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
