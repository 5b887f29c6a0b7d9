package dev.keyway.connectors.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlRulesTest {
    private static final UrlRules.Options LOCAL = UrlRules.Options.ENDPOINT.loopback(true);

    @Test
    void placeholders_areListedInOrderOfAppearance() {
        assertThat(UrlRules.placeholders("https://{shop}.myshopify.com/admin/{version}/{shop}"))
                .containsExactly("shop", "version");
    }

    @Test
    void httpsUrlWithDeclaredPlaceholders_isAccepted() {
        assertThat(UrlRules.problem("https://{shop}.myshopify.com/admin/oauth/authorize?x=1", UrlRules.Options.ENDPOINT,
                Map.of("shop", "example-store"), Set.of())).isEmpty();
    }

    @Test
    void originPlaceholder_mayOpenTheUrlOnlyWhenDeclaredAsAnOrigin() {
        Map<String, String> samples = Map.of("instance_url", "https://acme.my.salesforce.com");
        assertThat(UrlRules.problem("{instance_url}/services", UrlRules.Options.BASE, samples, Set.of("instance_url"))).isEmpty();
        assertThat(UrlRules.problem("{instance_url}/services", UrlRules.Options.BASE, samples, Set.of()))
                .contains("must start with https://");
        assertThat(UrlRules.problem("https://api.example/{instance_url}", UrlRules.Options.BASE, samples, Set.of("instance_url")))
                .contains("placeholder {instance_url} holds a whole origin and may only open the URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/cb", "http://localhost/x", "http://[::1]:9000/"})
    void loopbackHttp_dependsOnTheOption(String url) {
        assertThat(UrlRules.problem(url, LOCAL, Map.of(), Set.of())).isEmpty();
        assertThat(UrlRules.problem(url, UrlRules.Options.ENDPOINT, Map.of(), Set.of())).contains("must use https");
    }

    @Test
    void loopbackLookalikes_areNotLoopback() {
        assertThat(UrlRules.problem("http://localhost.evil.example/x", LOCAL, Map.of(), Set.of()))
                .contains("plain http is only allowed for 127.0.0.1, localhost or [::1]");
        assertThat(UrlRules.problem("http://127.0.0.1@evil.example/x", LOCAL, Map.of(), Set.of()))
                .contains("must not contain user info");
    }

    @Test
    void problems_neverQuoteTheUrl() {
        String url = "https://user:hunter2hunter2@acme.example/x";
        assertThat(UrlRules.problem(url, UrlRules.Options.ENDPOINT, Map.of(), Set.of()))
                .hasValueSatisfying(p -> assertThat(p).doesNotContain("hunter2"));
    }

    @Test
    void overlongUrls_areRejected() {
        assertThat(UrlRules.problem("https://acme.example/" + "a".repeat(UrlRules.MAX_LENGTH), UrlRules.Options.ENDPOINT,
                Map.of(), Set.of())).contains("at most 2048 characters");
    }
}
