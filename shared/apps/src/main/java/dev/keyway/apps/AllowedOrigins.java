package dev.keyway.apps;

import dev.keyway.core.KeywayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An app's own web origins and the checks made against them. An origin is exactly
 * {@code https://host[:port]}: no path, no wildcard, lower case. A local-mode app may also use
 * {@code http://127.0.0.1:port} or {@code http://localhost:port}, because that is where its
 * developer's page runs.
 */
public final class AllowedOrigins {
    public static final int MAX_ORIGINS = 20;
    public static final int MAX_URL = 2048;

    private AllowedOrigins() {
    }

    /** The origins, normalised; a 400 naming the first bad one (by position, the value may be anything). */
    public static List<String> parse(List<String> origins, boolean localMode) {
        if (origins == null) {
            throw KeywayException.invalid("allowedOrigins: required, a list of origins such as https://app.example.com");
        }
        if (origins.size() > MAX_ORIGINS) {
            throw KeywayException.invalid("allowedOrigins: at most " + MAX_ORIGINS);
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < origins.size(); i++) {
            String at = "allowedOrigins[" + i + "]";
            String origin = origins.get(i);
            Optional<String> normal = origin == null || !bare(origin) ? Optional.empty() : originOf(origin, localMode);
            out.add(normal.orElseThrow(() -> KeywayException.invalid(at
                    + ": an origin such as https://app.example.com (scheme, host and port only"
                    + (localMode ? "; http://127.0.0.1:<port> or http://localhost:<port> for this local-mode app" : "")
                    + ")")));
        }
        return new ArrayList<>(out);
    }

    /** True when {@code url} is an absolute URL on one of the app's origins (returnUrl). */
    public static boolean allowsUrl(App app, String url) {
        if (url == null || url.length() > MAX_URL) {
            return false;
        }
        return originOf(url, app.localMode()).filter(app.allowedOrigins()::contains).isPresent();
    }

    /** True when {@code origin} is exactly one of the app's origins (a popup opener, an embedding page). */
    public static boolean allowsOrigin(App app, String origin) {
        return origin != null && app.allowedOrigins().contains(origin);
    }

    /**
     * The origin of an absolute http(s) URL, or empty for anything else: relative or
     * scheme-relative URLs ({@code //evil}), {@code javascript:}, user info, backslashes, control
     * characters, and plain http outside local mode.
     */
    static Optional<String> originOf(String url, boolean localMode) {
        if (url.isEmpty() || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null || uri.isOpaque()) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
        if (!scheme.equals("https") && !(scheme.equals("http") && localMode && loopback)) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }

    /** Nothing after the authority but an optional "/": no path, query or fragment. */
    private static boolean bare(String origin) {
        try {
            URI uri = new URI(origin);
            String path = uri.getRawPath();
            return (path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
