package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.connectors.catalog.Injection;
import dev.keyway.core.KeywayException;
import dev.keyway.upstream.CredentialInjector;
import dev.keyway.upstream.Redactor;
import dev.keyway.upstream.UpstreamCredential.Location;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamCredentialsTest {

    @Test
    void oauth2_isTheAccessTokenUnderTheInjectionRule_andTheRefreshTokenIsRedactedToo() {
        var credential = UpstreamCredentials.of(new Credentials.OAuth2("at-123456", "rt-123456"), Injection.BEARER);

        assertThat(CredentialInjector.value(credential)).isEqualTo("Bearer at-123456");
        assertThat(credential.secretValues()).containsExactlyInAnyOrder("at-123456", "rt-123456");
    }

    @Test
    void apiKey_inQuery() {
        var credential = UpstreamCredentials.of(new Credentials.ApiKey("key-123456"),
                new Injection(Injection.In.QUERY, "api_key", null, null));

        assertThat(credential.location()).isEqualTo(Location.QUERY);
        assertThat(CredentialInjector.apply(credential, List.of(), "").rawQuery()).isEqualTo("api_key=key-123456");
    }

    @Test
    void basic_isBase64OfThePair() {
        var credential = UpstreamCredentials.of(new Credentials.Basic("alice", "pw-123456"), Injection.BASIC);

        assertThat(CredentialInjector.value(credential)).isEqualTo("Basic " + CredentialInjector.basic("alice", "pw-123456"));
    }

    @Test
    void apiKeyWithBasicPassword_isSentAsTheBasicUserName_byTheProxyAndByResolveAlike() {
        Injection freshdesk = new Injection(Injection.In.HEADER, "Authorization", "Basic ", "X");
        var key = new Credentials.ApiKey("fd-key-123456");

        var credential = UpstreamCredentials.of(key, freshdesk);

        String expected = "Basic " + Base64.getEncoder().encodeToString("fd-key-123456:X".getBytes(StandardCharsets.UTF_8));
        assertThat(CredentialInjector.value(credential)).isEqualTo(expected);
        assertThat(ResolveService.apply(key, freshdesk).value()).isEqualTo(expected);
        assertThat(credential.secretValues()).contains("fd-key-123456");
        assertThat(Redactor.of(credential).redact("echo " + expected.substring("Basic ".length())))
                .isEqualTo("echo " + Redactor.MARK);
    }

    @Test
    void apiKeyWithoutBasicPassword_isSentAsItIs() {
        var key = new Credentials.ApiKey("key-123456");
        Injection plain = new Injection(Injection.In.HEADER, "X-Key", "Token ", null);

        assertThat(CredentialInjector.value(UpstreamCredentials.of(key, plain))).isEqualTo("Token key-123456");
        assertThat(ResolveService.apply(key, plain).value()).isEqualTo("Token key-123456");
    }

    @Test
    void clientCredentials_sendTheAccessToken_andRedactTheClientSecret() {
        var credential = UpstreamCredentials.of(new Credentials.ClientCredentials("cid", "csecret-123", "cc-at-123"), null);

        assertThat(CredentialInjector.value(credential)).isEqualTo("Bearer cc-at-123");
        assertThat(credential.secretValues()).contains("csecret-123", "cc-at-123");
    }

    @Test
    void clientCredentials_withoutAccessToken_is409() {
        assertThatThrownBy(() -> UpstreamCredentials.of(new Credentials.ClientCredentials("cid", "cs", null), null))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.code()).isEqualTo("access_token_missing"));
    }
}
