package dev.keyway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import dev.keyway.upstream.UpstreamCredential.Location;
import dev.keyway.upstream.UpstreamCredential.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialInjectorTest {

    @Test
    void oauth2AccessToken_goesInTheAuthorizationHeaderAsBearer() {
        var injected = CredentialInjector.apply(UpstreamCredential.bearer("at-123456", Set.of("rt-123456")),
                List.of(new Header("Accept", "application/json")), "");

        assertThat(injected.headers()).containsExactly(
                new Header("Accept", "application/json"), new Header("Authorization", "Bearer at-123456"));
        assertThat(injected.rawQuery()).isEmpty();
    }

    @Test
    void apiKeyHeader_getsItsPrefix_andReplacesAHeaderOfTheSameNameTheCallerSent() {
        var credential = new UpstreamCredential(Location.HEADER, "X-API-Key", "Token ", new Secret.Token("k-123456"), null);

        var injected = CredentialInjector.apply(credential,
                List.of(new Header("x-api-key", "caller-chosen"), new Header("X-Other", "1")), "a=1");

        assertThat(injected.headers()).containsExactly(new Header("X-Other", "1"), new Header("X-API-Key", "Token k-123456"));
        assertThat(injected.rawQuery()).isEqualTo("a=1");
    }

    @Test
    void apiKeyInQuery_isEncoded_andReplacesAParameterOfTheSameNameTheCallerSent() {
        var credential = new UpstreamCredential(Location.QUERY, "api_key", "", new Secret.Token("k+/= &x"), null);

        var injected = CredentialInjector.apply(credential, List.of(), "q=1&api_key=mine&api%5Fkey=also&z=2");

        assertThat(injected.rawQuery()).isEqualTo("q=1&z=2&api_key=k%2B%2F%3D%20%26x");
        assertThat(injected.headers()).isEmpty();
    }

    @Test
    void basic_sendsBase64OfUsernameColonPassword() {
        var injected = CredentialInjector.apply(UpstreamCredential.basic("alice", "s3cret:pw"), List.of(), "");

        String expected = Base64.getEncoder().encodeToString("alice:s3cret:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(injected.headers()).containsExactly(new Header("Authorization", "Basic " + expected));
    }

    @Test
    void clientCredentialsAccessToken_isABearerTokenToo() {
        var credential = UpstreamCredential.bearer("cc-access-token", Set.of("client-secret-1"));

        assertThat(CredentialInjector.value(credential)).isEqualTo("Bearer cc-access-token");
        assertThat(credential.secretValues()).containsExactlyInAnyOrder("cc-access-token", "client-secret-1");
    }

    @Test
    void missingToken_is409() {
        var credential = UpstreamCredential.bearer(null, Set.of());

        assertThatThrownBy(() -> CredentialInjector.value(credential))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.code()).isEqualTo("credential_missing"));
    }

    @Test
    void tokenWithCrLf_isNeverSent() {
        var credential = UpstreamCredential.bearer("abc\r\nX-Injected: 1", Set.of());

        assertThatThrownBy(() -> CredentialInjector.value(credential))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.code()).isEqualTo("credential_unusable");
                    assertThat(e.getMessage()).doesNotContain("abc");
                });
    }

    @Test
    void toString_neverPrintsTheSecret() {
        assertThat(UpstreamCredential.basic("alice", "pw-123456").toString()).doesNotContain("pw-123456").doesNotContain("alice");
        assertThat(new Secret.Token("tok-123456").toString()).doesNotContain("tok-123456");
    }
}
