package dev.keyway.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {
    private static final App APP = new App("app_1", "Acme", false, Instant.EPOCH, List.of("https://app.example.com"));
    private static final App LOCAL = new App("app_2", "Dev", true, Instant.EPOCH, List.of("http://127.0.0.1:5173"));

    @Test
    void origins_areNormalised_andAnythingElseIsRefusedByPosition() {
        assertThat(AllowedOrigins.parse(List.of("https://App.Example.com", "https://app.example.com:443/", "https://b.example:8443"), false))
                .containsExactly("https://app.example.com", "https://b.example:8443");
        for (String bad : List.of("http://app.example.com", "https://app.example.com/path", "https://*.example.com",
                "javascript:alert(1)", "//app.example.com", "https://user@app.example.com", "http://127.0.0.1:3000")) {
            assertThatThrownBy(() -> AllowedOrigins.parse(List.of("https://ok.example", bad), false)).as(bad)
                    .isInstanceOf(KeywayException.class).hasMessageStartingWith("allowedOrigins[1]");
        }
        assertThat(AllowedOrigins.parse(List.of("http://127.0.0.1:3000", "http://localhost:5173"), true)).hasSize(2);
    }

    @Test
    void returnUrls_mustBeAbsoluteOnAnAllowedOrigin() {
        assertThat(AllowedOrigins.allowsUrl(APP, "https://app.example.com/settings?tab=1")).isTrue();
        assertThat(AllowedOrigins.allowsUrl(APP, "https://APP.example.com:443/x")).isTrue();
        for (String bad : List.of("https://evil.example/", "//evil.example/cb", "javascript:alert(1)", "/relative",
                "https://app.example.com.evil.example/", "https://app.example.com@evil.example/", "http://app.example.com/",
                "https://app.example.com:8443/", "https:\\\\evil.example", " https://app.example.com/")) {
            assertThat(AllowedOrigins.allowsUrl(APP, bad)).as(bad).isFalse();
        }
        assertThat(AllowedOrigins.allowsUrl(LOCAL, "http://127.0.0.1:5173/done")).isTrue();
        assertThat(AllowedOrigins.allowsOrigin(APP, "https://app.example.com")).isTrue();
        assertThat(AllowedOrigins.allowsOrigin(APP, "https://app.example.com/")).isFalse();
    }
}
