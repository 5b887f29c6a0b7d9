package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.keyway.connectors.catalog.TokenEndpointAuth;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How token-endpoint answers are read: the standard shape and the deviations real providers send. */
class TokenClientTest {
    private static TokenCall call(String root, String separator) {
        return new TokenCall(URI.create("https://provider.example/token"), "client", "secret",
                TokenEndpointAuth.CLIENT_SECRET_BASIC, Map.of(), separator, root, false);
    }

    private static HTTPResponse response(int status, String type, String body) {
        HTTPResponse r = new HTTPResponse(status);
        if (type != null) {
            r.setHeader("Content-Type", type);
        }
        r.setBody(body);
        return r;
    }

    @Test
    void standardAnswer_givesTokensExpiryAndScopes() {
        TokenResult r = TokenClient.read(call("", " "), response(200, "application/json",
                "{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"expires_in\":3600,\"scope\":\"read write\",\"token_type\":\"Bearer\"}"));
        assertThat(r.accessToken()).isEqualTo("at");
        assertThat(r.refreshToken()).isEqualTo("rt");
        assertThat(r.expiresIn()).isEqualTo(3600L);
        assertThat(r.scopes()).containsExactly("read", "write");
        assertThat(r.toString()).doesNotContain("at\"").doesNotContain("rt");
    }

    @Test
    void slackUserTokens_areReadUnderTheirRoot_andQuotedExpiryIsANumber() {
        TokenResult r = TokenClient.read(call("/authed_user", ","), response(200, "application/json; charset=utf-8",
                "{\"ok\":true,\"token_type\":\"bot\",\"access_token\":\"xoxb\",\"authed_user\":{\"access_token\":\"xoxp\","
                        + "\"scope\":\"search:read,users:read\",\"expires_in\":\"43200\",\"refresh_token\":\"xoxe\"}}"));
        assertThat(r.accessToken()).isEqualTo("xoxp");
        assertThat(r.scopes()).containsExactly("search:read", "users:read");
        assertThat(r.expiresIn()).isEqualTo(43200L);
        assertThat(r.raw().at("/access_token").asText()).isEqualTo("xoxb");
    }

    @Test
    void formEncodedAnswers_areRead() {
        TokenResult r = TokenClient.read(call("", ","), response(200, "application/x-www-form-urlencoded",
                "access_token=gho_1&scope=repo%2Cgist&token_type=bearer"));
        assertThat(r.accessToken()).isEqualTo("gho_1");
        assertThat(r.scopes()).containsExactly("repo", "gist");
        assertThat(r.expiresIn()).isNull();
    }

    @Test
    void anErrorWithStatus200_isAnOAuthError() {
        assertThatThrownBy(() -> TokenClient.read(call("", " "), response(200, "application/json",
                "{\"error\":\"bad_verification_code\",\"error_description\":\"echo of code=abc\"}")))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.OAUTH_ERROR);
                    assertThat(e.error()).isEqualTo("bad_verification_code");
                    assertThat(e.getMessage()).doesNotContain("abc");
                });
    }

    @Test
    void invalidGrant_isAGrantRejection() {
        assertThatThrownBy(() -> TokenClient.read(call("", " "), response(400, "application/json", "{\"error\":\"invalid_grant\"}")))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> assertThat(e.grantRejected()).isTrue());
    }

    @Test
    void htmlAndServerErrors_andRetryAfter() {
        assertThatThrownBy(() -> TokenClient.read(call("", " "), response(200, "text/html", "<html>maintenance</html>")))
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.MALFORMED));
        HTTPResponse limited = response(429, "text/plain", "slow down");
        limited.setHeader("Retry-After", "120");
        assertThatThrownBy(() -> TokenClient.read(call("", " "), limited))
                .isInstanceOfSatisfying(TokenEndpointException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TokenEndpointException.Kind.HTTP_ERROR);
                    assertThat(e.retryAfter()).hasSeconds(120);
                    assertThat(e.grantRejected()).isFalse();
                });
    }

    @Test
    void anErrorCodeThatIsNotAWord_isNotRepeated() {
        assertThatThrownBy(() -> TokenClient.read(call("", " "), response(400, "application/json",
                "{\"error\":\"<script>secret-token</script>\"}")))
                .isInstanceOfSatisfying(TokenEndpointException.class,
                        e -> assertThat(e.error()).isEqualTo("unrecognised_error"));
    }
}
