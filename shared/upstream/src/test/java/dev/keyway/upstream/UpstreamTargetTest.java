package dev.keyway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamTargetTest {
    private static final UpstreamTarget ACME = UpstreamTarget.of("https://api.acme.example/v2/", false);

    @Test
    void resolve_appendsPathAndQueryToTheBasePath() {
        assertThat(ACME.resolve("users/42", "expand=team&limit=10"))
                .hasToString("https://api.acme.example/v2/users/42?expand=team&limit=10");
        assertThat(UpstreamTarget.of("https://api.acme.example", false).resolve("users", ""))
                .hasToString("https://api.acme.example/users");
    }

    @Test
    void resolve_keepsEncodedDataAndATrailingSlash() {
        assertThat(ACME.resolve("users/bob%40acme.example/", ""))
                .hasToString("https://api.acme.example/v2/users/bob%40acme.example/");
        assertThat(ACME.resolve("files/a%20b.txt", "")).hasToString("https://api.acme.example/v2/files/a%20b.txt");
        assertThat(ACME.resolve("projects/p1:batchGet", "")).hasToString("https://api.acme.example/v2/projects/p1:batchGet");
    }

    @Test
    void resolve_encodesQueryCharactersThatAreNotAllowedRaw_withoutRefusing() {
        assertThat(ACME.resolve("search", "filter={\"a\":1}&x=é#frag"))
                .hasToString("https://api.acme.example/v2/search?filter=%7B%22a%22:1%7D&x=%C3%A9%23frag");
        assertThat(ACME.resolve("search", "q=100%").getRawQuery()).isEqualTo("q=100%25");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "..", "../admin", "users/../../admin", "./users", "users/.", "%2e%2e/admin", "%2E%2E/admin", ".%2e/admin",
            "%2e/admin", "users%2f..%2fadmin", "users%2F..", "%5c..%5cadmin", "..%5c", "users%252e%252e",
            "/evil.com/x", "//evil.com/x", "users//x", "http://evil.com/x", "https:%2f%2fevil.com", "@evil.com",
            "users@evil.com", "x\\..\\admin", "\\\\evil.com", "a b", "a\tb", "a%00b", "a%0d%0aHost:%20evil.com",
            "caf\u00e9", "a#b", "a?b", "%zz", "%2"})
    void resolve_refusesEveryPathTrick(String path) {
        assertThatThrownBy(() -> ACME.resolve(path, ""))
                .as(path)
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_proxy_path");
                });
    }

    @Test
    void resolve_refusesOverlongPathAndQuery() {
        assertThatThrownBy(() -> ACME.resolve("a".repeat(UpstreamTarget.MAX_PATH_AND_QUERY + 1), ""))
                .isInstanceOf(KeywayException.class);
    }

    @Test
    void aQueryCannotChangeTheHost() {
        var uri = ACME.resolve("x", "next=https://evil.com/@evil.com");
        assertThat(uri.getHost()).isEqualTo("api.acme.example");
        assertThat(uri.getPath()).isEqualTo("/v2/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.acme.example", "ftp://api.acme.example", "https://user:pw@api.acme.example",
            "https://api.acme.example?x=1", "https://api.acme.example#f", "https://", "not a url", "https:///path",
            "https://evil.com?.zendesk.com", "https://evil.com#.zendesk.com", "https://evil.com\\@good.com",
            "https://good.com/../x"})
    void of_refusesBaseUrlsThatAreNotPlainHttpsOrigins(String baseUrl) {
        assertThatThrownBy(() -> UpstreamTarget.of(baseUrl, false))
                .as(baseUrl)
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("invalid_base_url");
                    assertThat(e.getMessage()).doesNotContain("evil").doesNotContain("pw");
                });
    }

    @Test
    void of_allowsPlainHttpOnlyForPrivateNetworkTargets() {
        assertThat(UpstreamTarget.of("http://127.0.0.1:8080", true).resolve("x", "")).hasToString("http://127.0.0.1:8080/x");
        assertThat(UpstreamTarget.of("http://[::1]:8080/base", true).resolve("x", "")).hasToString("http://[::1]:8080/base/x");
    }
}
