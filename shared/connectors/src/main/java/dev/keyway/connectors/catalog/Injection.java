package dev.keyway.connectors.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a credential goes on a request to the provider: a header or a query parameter, with a
 * prefix before the value (e.g. {@code Bearer }). For BASIC the value is base64(username:password).
 *
 * @param basicPassword set on an API_KEY injection whose provider takes the key as a Basic user name
 *                      (Freshdesk: password {@code X}); the value sent is then
 *                      {@code prefix + base64(apiKey + ":" + basicPassword)}. Not a secret.
 */
public record Injection(In in, String name, String prefix, String basicPassword) {

    public enum In {
        @JsonProperty("header") HEADER,
        @JsonProperty("query") QUERY
    }

    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$");
    /** Unreserved URL characters, so the name never needs encoding. */
    private static final Pattern QUERY_NAME = Pattern.compile("^[A-Za-z0-9._~-]{1,128}$");
    /** Headers that describe the message or the connection: a credential there would break or smuggle requests. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host", "content-length", "content-type", "transfer-encoding", "connection", "keep-alive",
            "upgrade", "te", "trailer", "proxy-authorization", "proxy-connection", "expect", "cookie");
    public static final int MAX_PREFIX = 64;
    public static final int MAX_BASIC_PASSWORD = 64;

    public static final Injection BEARER = new Injection(In.HEADER, "Authorization", "Bearer ", null);
    public static final Injection BASIC = new Injection(In.HEADER, "Authorization", "Basic ", null);

    public Injection {
        prefix = prefix == null ? "" : prefix;
    }

    /** What is wrong with this injection, phrased without echoing any value; empty when it is valid. */
    public Optional<String> problem() {
        if (in == null) {
            return Optional.of("in: must be header or query");
        }
        if (name == null || name.isEmpty()) {
            return Optional.of("name: required");
        }
        if (in == In.HEADER) {
            if (!HEADER_NAME.matcher(name).matches()) {
                return Optional.of("name: not a valid header name");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                return Optional.of("name: header " + name + " cannot carry a credential");
            }
        } else if (!QUERY_NAME.matcher(name).matches()) {
            return Optional.of("name: not a valid query parameter name (letters, digits, '.', '_', '~', '-')");
        }
        if (prefix.length() > MAX_PREFIX) {
            return Optional.of("prefix: at most " + MAX_PREFIX + " characters");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("prefix: must not contain control characters");
            }
        }
        if (basicPassword != null && (basicPassword.length() > MAX_BASIC_PASSWORD
                || basicPassword.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            return Optional.of("basicPassword: at most " + MAX_BASIC_PASSWORD + " characters, no control characters");
        }
        return Optional.empty();
    }
}
