package dev.keyway.connect.oauth;

import dev.keyway.core.Ids;
import dev.keyway.core.KeywayConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cookie that ties an OAuth flow to the browser that started it, so a state value that
 * leaks (a shared link, a log) cannot be finished elsewhere. On https it is
 * {@code __Host-keyway_oauth; Secure; HttpOnly; SameSite=Lax; Path=/}; the local http runner
 * cannot set a {@code __Host-} or Secure cookie, so it drops both (and only there).
 */
public final class BrowserBinding {
    static final Duration LIFETIME = OAuthStart.STATE_LIFETIME;
    private static final Pattern FORMAT = Pattern.compile("[a-z2-7]{52}");

    private BrowserBinding() {
    }

    public static String cookieName() {
        return secure() ? "__Host-keyway_oauth" : "keyway_oauth";
    }

    /** The binding this browser already has, or a new one; one per browser covers parallel flows. */
    static String reuseOrCreate(Optional<String> existing) {
        return existing.filter(v -> FORMAT.matcher(v).matches()).orElseGet(() -> Ids.newToken("", 32));
    }

    static String setCookie(String value) {
        return cookieName() + "=" + value + "; Path=/; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (secure() ? "; Secure" : "");
    }

    private static boolean secure() {
        return KeywayConfig.publicBaseUrl().startsWith("https://");
    }
}
