package dev.keyway.upstream;

import dev.keyway.core.KeywayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The provider's origin and base path, and the only way to build a URL under it: a proxied path
 * and query are appended to the base, and never change its scheme, host, port or user info.
 *
 * <p>The path is checked raw (percent-encoded, as the caller sent it) and segment by segment,
 * decoded once. Refused: {@code .} and {@code ..} segments in any spelling ({@code %2e%2e},
 * {@code .%2E}); an encoded {@code /} or {@code \} ({@code %2f}, {@code %5c}) that a server
 * may decode into a separator; {@code %25} (double encoding, which a second decode turns into
 * any of these); empty segments, so {@code //evil.com} and {@code http://evil.com} cannot pose
 * as an authority; raw {@code @}, {@code \}, spaces, control and non-ASCII characters. A trailing
 * slash is allowed. The final URI is then compared with the base once more.
 */
public final class UpstreamTarget {
    /** Path plus query; well below what providers and API Gateway accept. */
    public static final int MAX_PATH_AND_QUERY = 8192;
    private static final String PATH_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:%";
    private static final String QUERY_EXTRA = "/?@";

    private final URI base;
    private final String basePath;
    private final boolean allowPrivateNetwork;

    private UpstreamTarget(URI base, String basePath, boolean allowPrivateNetwork) {
        this.base = base;
        this.basePath = basePath;
        this.allowPrivateNetwork = allowPrivateNetwork;
    }

    /**
     * The connector's base URL with connection-config placeholders filled in. It must be https
     * (plain http only with {@code allowPrivateNetwork}, i.e. a local-mode custom connector), with
     * a host and without user info, query or fragment.
     *
     * @throws KeywayException 409 {@code invalid_base_url}; the URL is never echoed (a filled-in value could be secret)
     */
    public static UpstreamTarget of(String baseUrl, boolean allowPrivateNetwork) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw invalidBase("is missing");
        }
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw invalidBase("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivateNetwork)) {
            throw invalidBase("must use https");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalidBase("has no valid host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalidBase("must not contain user info");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalidBase("must not contain a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.isEmpty()) {
            try {
                checkPath(path.substring(1), "the base URL's path");
            } catch (KeywayException e) {
                throw invalidBase("has a path with '.', '..', empty or encoded-separator segments");
            }
        }
        return new UpstreamTarget(uri, path, allowPrivateNetwork);
    }

    public String host() {
        return base.getHost();
    }

    public boolean allowPrivateNetwork() {
        return allowPrivateNetwork;
    }

    /**
     * The upstream URI for a proxied path (raw, relative to the base URL, without a leading
     * slash) and raw query ("" for none).
     *
     * @throws KeywayException 400 {@code invalid_proxy_path}
     */
    public URI resolve(String rawPath, String rawQuery) {
        String path = rawPath == null ? "" : rawPath;
        String query = rawQuery == null ? "" : rawQuery;
        if (path.length() + query.length() > MAX_PATH_AND_QUERY) {
            throw refused("the path and query are longer than " + MAX_PATH_AND_QUERY + " characters");
        }
        if (!path.isEmpty()) {
            checkPath(path, "the path");
        }
        query = normalizeQuery(query);
        String text = base.getScheme() + "://" + base.getRawAuthority() + basePath + "/" + path
                + (query.isEmpty() ? "" : "?" + query);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw refused("the path or query is not valid in a URL");
        }
        // Belt and braces: whatever the checks above missed, the origin must be the base's.
        if (!Objects.equals(uri.getScheme(), base.getScheme())
                || !Objects.equals(uri.getRawAuthority(), base.getRawAuthority())
                || !Objects.equals(uri.getHost(), base.getHost())
                || uri.getPort() != base.getPort()
                || uri.getRawUserInfo() != null
                || !uri.normalize().equals(uri)) {
            throw refused("the path would leave the connector's base URL");
        }
        return uri;
    }

    private static void checkPath(String path, String what) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                if (i == segments.length - 1 && i > 0) {
                    continue; // a trailing slash
                }
                throw refused(what + " must not contain empty segments ('//') or start with '/'");
            }
            String decoded = decodeSegment(segment, what);
            if (decoded.equals(".") || decoded.equals("..")) {
                throw refused(what + " must not contain '.' or '..' segments, encoded or not");
            }
        }
    }

    /** One segment decoded once; refuses characters that would change the path's structure. */
    private static String decodeSegment(String segment, String what) {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (PATH_CHARS.indexOf(c) < 0) {
                throw refused(what + " contains a character that must be percent-encoded"
                        + " ('@', '\\', spaces, control and non-ASCII characters are refused)");
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            int value = i + 2 < segment.length() ? hex(segment.charAt(i + 1), segment.charAt(i + 2)) : -1;
            if (value < 0) {
                throw refused(what + " contains a malformed percent escape");
            }
            if (value == '/' || value == '\\' || value == '%' || value < 0x20 || value == 0x7f) {
                throw refused(what + " must not contain encoded '/', '\\', '%' or control characters");
            }
            out.append((char) value);
            i += 2;
        }
        return out.toString();
    }

    /**
     * The query as sent, with anything outside RFC 3986's query characters percent-encoded: the
     * query cannot reach the authority, so there is nothing to refuse, only to keep well-formed.
     */
    static String normalizeQuery(String query) {
        StringBuilder out = null;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean keep = (PATH_CHARS.indexOf(c) >= 0 || QUERY_EXTRA.indexOf(c) >= 0)
                    && (c != '%' || (i + 2 < query.length() && hex(query.charAt(i + 1), query.charAt(i + 2)) >= 0));
            if (keep && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(query.length() + 16).append(query, 0, i);
            }
            if (keep) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < query.length() ? i + 2 : i + 1;
            for (byte b : query.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            i = end - 1;
        }
        return out == null ? query : out.toString();
    }

    private static int hex(char a, char b) {
        int hi = Character.digit(a, 16);
        int lo = Character.digit(b, 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    private static KeywayException refused(String reason) {
        return new KeywayException(400, "invalid_proxy_path", reason);
    }

    private static KeywayException invalidBase(String reason) {
        return new KeywayException(409, "invalid_base_url",
                "the connector's base URL, with this linked account's connection config filled in, " + reason);
    }

    @Override
    public String toString() {
        return "UpstreamTarget[" + base.getHost() + "]";
    }
}
