package dev.keyway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PortalAssetsTest {

    @Test
    void get_shouldServeTheStylesheetAndScriptWithTheirTypes() {
        Asset css = PortalAssets.get("portal.css").orElseThrow();
        Asset js = PortalAssets.get("portal.js").orElseThrow();

        assertThat(css.contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(new String(css.body(), StandardCharsets.UTF_8)).contains("prefers-color-scheme: dark");
        assertThat(new String(js.body(), StandardCharsets.UTF_8)).contains("postMessage");
    }

    @Test
    void assets_shouldStaySmall() {
        assertThat(PortalAssets.get("portal.js").orElseThrow().body().length).isLessThan(6 * 1024); // commented source, served as is
        assertThat(PortalAssets.get("portal.css").orElseThrow().body().length).isLessThan(12 * 1024);
    }

    @Test
    void script_shouldNeverPostToAnyOriginNorEvaluateStrings() {
        String js = PortalAssets.text("portal.js");

        assertThat(js).doesNotContain("postMessage(data, '*')").doesNotContain("\"*\")").doesNotContain("eval(")
                .doesNotContain("innerHTML").contains("postMessage(data, origin)");
    }

    @Test
    void get_shouldHandOutACopy() {
        PortalAssets.get("portal.js").orElseThrow().body()[0] = 'X';

        assertThat(PortalAssets.get("portal.js").orElseThrow().body()[0]).isNotEqualTo((byte) 'X');
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../portal.css", "assets/portal.css", "/portal.css", "portal.css/", "PORTAL.CSS",
            "portal.css?v=1", "portal.css%00", "..%2fportal.js", "../../dev/keyway/portal/PortalPages.class",
            "PortalPages.class", "portal.html", "."})
    void get_shouldRefuseAnythingButTheExactNames(String name) {
        assertThat(PortalAssets.get(name)).isEmpty();
    }
}
