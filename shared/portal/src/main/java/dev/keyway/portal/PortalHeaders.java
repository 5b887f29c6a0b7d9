package dev.keyway.portal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP response headers for portal pages and assets. */
public final class PortalHeaders {
    private PortalHeaders() {}

    // scheme://host[:port], optionally a *. wildcard host, optionally followed by a path/query that is dropped.
    private static final Pattern SOURCE =
            Pattern.compile("(?i)(https?://(?:\\*\\.)?(?:[a-z0-9-]+(?:\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+\\])(?::\\d{1,5})?)(?:[/?#]\\S*)?");

    /**
     * Headers for an HTML page: Content-Type text/html; charset=utf-8, a CSP without 'unsafe-inline'
     * ({@code default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self' …;
     * frame-ancestors …; base-uri 'none'}), Referrer-Policy: no-referrer, Cache-Control: no-store,
     * X-Content-Type-Options: nosniff.
     *
     * <p>{@code frameAncestors}: origins allowed to frame the portal; empty gives {@code 'none'} (plus the legacy
     * X-Frame-Options: DENY). {@code extraFormActions}: origins the page's forms may submit or be redirected to
     * (Chrome applies form-action to redirects after a submit, e.g. a 302 to the provider's authorization URL).
     * Each entry is an origin ({@code https://host[:port]}, {@code https://*.example.com}) or {@code 'self'}; a full
     * URL is reduced to its origin; anything else throws IllegalArgumentException, so nothing can inject a directive.
     *
     * <p>Cross-Origin-Opener-Policy is deliberately absent: same-origin would sever {@code window.opener}, which the
     * popup flow needs to post its result.
     */
    public static Map<String, String> page(List<String> frameAncestors, List<String> extraFormActions) {
        Set<String> ancestors = sources(frameAncestors);
        Set<String> formActions = new LinkedHashSet<>();
        formActions.add("'self'");
        formActions.addAll(sources(extraFormActions));
        String csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action "
                + String.join(" ", formActions) + "; frame-ancestors "
                + (ancestors.isEmpty() ? "'none'" : String.join(" ", ancestors)) + "; base-uri 'none'";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", csp);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        if (ancestors.isEmpty()) {
            headers.put("X-Frame-Options", "DENY");
        }
        return headers;
    }

    /** Headers for a static asset: its Content-Type, Cache-Control: public, max-age=3600, nosniff. */
    public static Map<String, String> asset(Asset asset) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", asset.contentType());
        headers.put("Cache-Control", "public, max-age=3600");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    private static Set<String> sources(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            if ("'self'".equals(value)) {
                out.add(value);
                continue;
            }
            Matcher m = value == null ? null : SOURCE.matcher(value);
            if (m == null || !m.matches()) {
                throw new IllegalArgumentException(
                        "not a CSP origin (expected https://host[:port] or 'self'): " + value);
            }
            out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
