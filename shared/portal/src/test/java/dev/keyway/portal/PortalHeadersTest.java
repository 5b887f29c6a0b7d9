package dev.keyway.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortalHeadersTest {

    @Test
    void page_withNoFrameAncestors_shouldForbidFramingAndInlineCode() {
        Map<String, String> h = PortalHeaders.page(List.of(), List.of());

        assertThat(h.get("Content-Security-Policy")).isEqualTo("default-src 'none'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(h).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("Cache-Control", "no-store")
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("X-Frame-Options", "DENY");
    }

    @Test
    void page_withFrameAncestorsAndFormActions_shouldListThemAndNotDenyFraming() {
        Map<String, String> h = PortalHeaders.page(List.of("https://app.acme.example", "http://127.0.0.1:5173"),
                List.of("https://github.com/login/oauth/authorize?client_id=x&scope=repo", "https://*.salesforce.com"));

        assertThat(directives(h)).contains(
                "frame-ancestors https://app.acme.example http://127.0.0.1:5173",
                "form-action 'self' https://github.com https://*.salesforce.com");
        assertThat(h).doesNotContainKey("X-Frame-Options");
    }

    @Test
    void page_shouldNeverAllowInlineCodeNorSeverTheOpener() {
        Map<String, String> h = PortalHeaders.page(List.of("https://a.example"), List.of("https://b.example"));

        assertThat(h.get("Content-Security-Policy")).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
                .doesNotContain("*;").doesNotContain(" * ");
        assertThat(h).doesNotContainKey("Cross-Origin-Opener-Policy");
        assertThat(directives(h)).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' data:", "base-uri 'none'");
    }

    @Test
    void page_shouldDeduplicateAndAcceptSelfAndNulls() {
        Map<String, String> h = PortalHeaders.page(List.of("'self'", "https://A.example", "https://a.example/x"), null);

        assertThat(directives(h)).contains("frame-ancestors 'self' https://a.example", "form-action 'self'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://a.example; script-src *", "https://a.example 'unsafe-inline'", "'unsafe-inline'",
            "'none'", "javascript:alert(1)", "a.example", "https://a.example\r\nSet-Cookie: x=1", "data:", ""})
    void page_withSomethingOtherThanAnOrigin_shouldThrow(String source) {
        assertThatThrownBy(() -> PortalHeaders.page(List.of(source), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortalHeaders.page(List.of(), List.of(source)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asset_shouldBeCacheableWithItsType() {
        Asset css = PortalAssets.get("portal.css").orElseThrow();

        assertThat(PortalHeaders.asset(css)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Content-Type", "text/css; charset=utf-8",
                "Cache-Control", "public, max-age=3600",
                "X-Content-Type-Options", "nosniff"));
    }

    private static List<String> directives(Map<String, String> headers) {
        return Arrays.stream(headers.get("Content-Security-Policy").split(";")).map(String::trim).toList();
    }
}
