package dev.keyway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.core.KeywayException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The proxy path ({@code /v1/proxy/{id}/{path+}} and its query, as the caller sends them) is
 * outside input that becomes a URL Keyway calls with credentials: whatever it is, the answer is
 * either the documented 400 or a URL under the connector's base, on its origin, with no dot
 * segment once decoded. The examples in {@link UpstreamTargetTest} name the known tricks; these
 * properties mix them freely.
 */
class ProxyPathProperties {
    private static final UpstreamTarget ACME = UpstreamTarget.of("https://api.acme.example/v2/", false);

    @Property(tries = 2000)
    void aPathAndQuery_staysUnderTheBase_orIsRefusedWith400(@ForAll("paths") String path, @ForAll("queries") String query) {
        URI uri;
        try {
            uri = ACME.resolve(path, query);
        } catch (KeywayException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_proxy_path");
            return;
        }
        assertThat(uri.getScheme()).isEqualTo("https");
        assertThat(uri.getRawAuthority()).isEqualTo("api.acme.example");
        assertThat(uri.getHost()).isEqualTo("api.acme.example");
        assertThat(uri.getPort()).isEqualTo(-1);
        assertThat(uri.getRawUserInfo()).isNull();
        assertThat(uri.getRawFragment()).isNull();
        assertThat(uri.getRawPath()).startsWith("/v2/");
        // Decoded once, as the provider's server would: still no way up out of /v2/.
        String decoded = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        assertThat(List.of(decoded.split("[/\\\\]", -1))).doesNotContain("..", ".");
        assertThat(uri.normalize()).isEqualTo(uri);
    }

    @Property(tries = 1000)
    void anyStringAtAll_isAUrlUnderTheBase_orA400(@ForAll String path, @ForAll String query) {
        try {
            assertThat(ACME.resolve(path, query).getRawPath()).startsWith("/v2/");
        } catch (KeywayException e) {
            assertThat(e.status()).isEqualTo(400);
        }
    }

    /** Paths built from the pieces traversal and authority tricks are made of. */
    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "", "%2e", "%2E", "%2e%2e", ".%2e", "%2f", "%2F", "%5c", "%25", "%252e",
                        "\\", "@", "evil.example", "http:", "//", ":", "%00", "%40", " ", "\t", "é", "?", "#", "users",
                        "42", "a%20b", ";", "~", "+"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6));
        return piece.list().ofMaxSize(8).map(pieces -> String.join("/", pieces));
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
                Arbitraries.of("a=1", "@evil.example", "x=%2e%2e/", "#frag", "q=100%", "=&=&", "u=http://evil.example/"));
    }
}
