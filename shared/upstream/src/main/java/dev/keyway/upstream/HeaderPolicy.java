package dev.keyway.upstream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the proxy, in each direction.
 *
 * <p>Towards the provider, everything the caller sent is forwarded except: hop-by-hop headers
 * (RFC 9110 §7.6.1: {@code Connection} and those it names, {@code Keep-Alive},
 * {@code Proxy-*}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade});
 * {@code Host}, {@code Content-Length} and {@code Expect} (the HTTP client sets them);
 * {@code Authorization}, which carries the app's own Keyway key and is never forwarded;
 * {@code Cookie}, which belongs to the caller's relation with Keyway, not with the provider (the
 * proxy is stateless: there is no provider session to continue); {@code Accept-Encoding}, so
 * the provider answers uncompressed and redaction can see the body; and what the hops in front
 * of Keyway added: {@code Forwarded}, {@code Via}, {@code X-Forwarded-*}, {@code X-Real-IP},
 * {@code X-Amz-*} / {@code X-Amzn-*}, and Keyway's own {@code X-Keyway-*}. The provider's
 * default headers (a catalog entry's {@code Accept}, API version…) are added where the caller
 * did not send that header itself.
 *
 * <p>Back to the caller, hop-by-hop headers and {@code Content-Length} are dropped (API Gateway
 * frames the response), and so is {@code Set-Cookie}: a provider cookie would otherwise land on
 * Keyway's domain. Every value that stays is redacted by the caller of this class.
 */
public final class HeaderPolicy {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade");
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host", "content-length", "expect", "authorization", "cookie", "accept-encoding",
            "forwarded", "via", "x-real-ip");
    private static final List<String> NOT_FORWARDED_PREFIXES = List.of(
            "proxy-", "x-forwarded-", "x-amz-", "x-amzn-", "x-keyway-");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "set-cookie", "set-cookie2");

    private HeaderPolicy() {
    }

    /** The caller's headers that may go to the provider, plus the provider's defaults. */
    public static List<Header> outgoing(List<Header> incoming, Map<String, String> defaultHeaders) {
        Set<String> named = namedByConnection(incoming);
        List<Header> out = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (Header h : incoming) {
            String name = h.lowerName();
            if (HOP_BY_HOP.contains(name) || NOT_FORWARDED.contains(name) || named.contains(name)
                    || NOT_FORWARDED_PREFIXES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            out.add(h);
            sent.add(name);
        }
        if (defaultHeaders != null) {
            defaultHeaders.forEach((name, value) -> {
                if (!sent.contains(name.toLowerCase(Locale.ROOT))) {
                    out.add(new Header(name, value));
                }
            });
        }
        return out;
    }

    /** The provider's response headers that may go back to the caller (values still to be redacted). */
    public static List<Header> returned(List<Header> upstream) {
        Set<String> named = namedByConnection(upstream);
        List<Header> out = new ArrayList<>();
        for (Header h : upstream) {
            String name = h.lowerName();
            if (HOP_BY_HOP.contains(name) || NOT_RETURNED.contains(name) || named.contains(name)
                    || name.startsWith(":")) {
                continue;
            }
            out.add(h);
        }
        return out;
    }

    /** Headers a {@code Connection} header lists are hop-by-hop too. */
    private static Set<String> namedByConnection(List<Header> headers) {
        Set<String> named = new HashSet<>();
        for (Header h : headers) {
            if (h.is("connection")) {
                for (String token : h.value().split(",")) {
                    String t = token.trim().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty()) {
                        named.add(t);
                    }
                }
            }
        }
        return named;
    }
}
