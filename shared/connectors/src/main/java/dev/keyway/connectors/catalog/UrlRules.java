package dev.keyway.connectors.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one set of rules for URLs that credentials are sent to: https only (plain http only to the
 * loopback host, and only where the caller allows it), no user info, no fragment, and every
 * {placeholder} declared. Problems are phrased without echoing the URL, which may hold a secret.
 */
public final class UrlRules {
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,31})}");
    public static final int MAX_LENGTH = 2048;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private UrlRules() {
    }

    /** What a URL may look like beyond the common rules. */
    public record Options(boolean allowLoopbackHttp, boolean allowQuery) {
        public static final Options ENDPOINT = new Options(false, true);
        public static final Options BASE = new Options(false, false);

        public Options loopback(boolean allow) {
            return new Options(allow, allowQuery);
        }
    }

    /** The placeholder names in {@code url}, in order of appearance. */
    public static Set<String> placeholders(String url) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(url);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * What is wrong with {@code url}, or empty when it is acceptable.
     *
     * @param samples      each declared placeholder with a sample value used to check the URL's shape
     * @param originFields placeholders whose value is a whole {@code https://host} origin and so may open the URL
     */
    public static Optional<String> problem(String url, Options options, Map<String, String> samples,
            Set<String> originFields) {
        if (url == null || url.isBlank()) {
            return Optional.of("required");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of("must not contain spaces, control or non-ASCII characters");
            }
        }
        StringBuilder concrete = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(url);
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            String sample = samples.get(name);
            if (sample == null) {
                return Optional.of("placeholder {" + name + "} is not declared in connectionConfig");
            }
            if (m.start() == 0) {
                if (!originFields.contains(name)) {
                    return Optional.of("must start with https://");
                }
            } else if (sample.contains("://")) {
                return Optional.of("placeholder {" + name + "} holds a whole origin and may only open the URL");
            }
            concrete.append(url, last, m.start()).append(sample);
            last = m.end();
        }
        concrete.append(url, last, url.length());
        return concreteProblem(concrete.toString(), options);
    }

    private static Optional<String> concreteProblem(String url, Options options) {
        if (url.indexOf('{') >= 0 || url.indexOf('}') >= 0) {
            return Optional.of("not a valid URL (placeholders look like {name})");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user info");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must have a valid host");
        }
        if (scheme.equals("http")) {
            if (!options.allowLoopbackHttp()) {
                return Optional.of("must use https");
            }
            if (!LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
                return Optional.of("plain http is only allowed for 127.0.0.1, localhost or [::1]");
            }
        } else if (!scheme.equals("https")) {
            return Optional.of("must use https");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment");
        }
        if (uri.getRawQuery() != null && !options.allowQuery()) {
            return Optional.of("must not contain a query");
        }
        return Optional.empty();
    }
}
