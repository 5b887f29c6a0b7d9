package dev.keyway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationUrlsTest {
    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void request_carriesStatePkceRedirectAndExtraParams() {
        String verifier = AuthorizationUrls.newCodeVerifier();
        URI uri = AuthorizationUrls.build(new AuthorizationUrls.Request(URI.create("https://accounts.example/o/authorize"),
                "client-1", URI.create("https://keyway.example/oauth/callback"), List.of("openid", "email"), "scope", " ",
                "state-1", verifier, Map.of("access_type", "offline", "prompt", "consent")));

        Map<String, String> q = query(uri);
        assertThat(uri.getHost()).isEqualTo("accounts.example");
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "client-1")
                .containsEntry("redirect_uri", "https://keyway.example/oauth/callback").containsEntry("state", "state-1")
                .containsEntry("scope", "openid email").containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent").containsEntry("code_challenge_method", "S256");
        assertThat(q.get("code_challenge"))
                .isEqualTo(CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue());
    }

    @Test
    void commaScopes_otherScopeParam_andNoPkce() {
        URI uri = AuthorizationUrls.build(new AuthorizationUrls.Request(URI.create("https://slack.example/oauth/v2/authorize"),
                "c", URI.create("https://k.example/oauth/callback"), List.of("search:read", "users:read"), "user_scope", ",",
                "s", null, Map.of()));
        Map<String, String> q = query(uri);
        assertThat(q).containsEntry("user_scope", "search:read,users:read").doesNotContainKey("scope")
                .doesNotContainKey("code_challenge");
    }

    @Test
    void freshValues_are256BitAndDistinct() {
        assertThat(AuthorizationUrls.newState()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(AuthorizationUrls.newState());
        assertThat(AuthorizationUrls.newCodeVerifier()).hasSizeGreaterThanOrEqualTo(43);
    }
}
