package dev.keyway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String KEY = "sk_test_4eC39H/qLyjWDarjtT1+zdp7dc";
    private static final Redactor REDACTOR = Redactor.of(List.of(KEY));

    private static String body(String s) {
        return new String(REDACTOR.redact(s.getBytes(StandardCharsets.UTF_8)).body(), StandardCharsets.UTF_8);
    }

    @Test
    void plainSecret_inBodyAndHeader() {
        assertThat(body("{\"echo\":\"" + KEY + "\",\"again\":\"" + KEY + "\"}"))
                .isEqualTo("{\"echo\":\"[REDACTED]\",\"again\":\"[REDACTED]\"}");
        assertThat(REDACTOR.redact("Bearer " + KEY)).isEqualTo("Bearer [REDACTED]");
    }

    @Test
    void urlEncodedSecret_inBodyAndHeader() {
        String encoded = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        assertThat(encoded).isNotEqualTo(KEY);
        assertThat(body("https://x.example/cb?key=" + encoded + "&a=1")).isEqualTo("https://x.example/cb?key=[REDACTED]&a=1");
        String lowerHex = encoded.replace("%2F", "%2f").replace("%2B", "%2b");
        assertThat(REDACTOR.redact("https://x.example/?k=" + lowerHex)).isEqualTo("https://x.example/?k=[REDACTED]");
        assertThat(REDACTOR.redact("/?k=" + encoded)).isEqualTo("/?k=[REDACTED]");
    }

    @Test
    void base64Secret_standardAndUrlSafe_paddedOrNot() {
        byte[] utf8 = KEY.getBytes(StandardCharsets.UTF_8);
        String std = Base64.getEncoder().encodeToString(utf8);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8);
        assertThat(body("a=" + std + ";b=" + url)).isEqualTo("a=[REDACTED];b=[REDACTED]");
        assertThat(REDACTOR.redact("x " + std)).isEqualTo("x [REDACTED]");
    }

    @Test
    void jsonEscapedSlash_isFoundToo() {
        assertThat(body("{\"k\":\"" + KEY.replace("/", "\\/") + "\"}")).isEqualTo("{\"k\":\"[REDACTED]\"}");
    }

    @Test
    void basicPair_plainAndBase64_andEachPart() {
        var credential = UpstreamCredential.basic("alice@acme.example", "correct horse");
        var redactor = Redactor.of(credential);
        String header = "Basic " + CredentialInjector.basic("alice@acme.example", "correct horse");

        assertThat(redactor.redact(header)).isEqualTo("Basic [REDACTED]");
        assertThat(new String(redactor.redact("u=alice@acme.example p=correct horse".getBytes()).body()))
                .isEqualTo("u=[REDACTED] p=[REDACTED]");
    }

    @Test
    void nothingFound_returnsTheSameBytes_soBinaryIsUntouched() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 1, 2, 3};
        var result = REDACTOR.redact(png);
        assertThat(result.changed()).isFalse();
        assertThat(result.body()).isSameAs(png);
    }

    @Test
    void secretInsideBinary_isFoundByteForByte() {
        byte[] bytes = ("\u0000\u0001" + KEY + "\u0002").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(REDACTOR.redact(bytes).changed()).isTrue();
    }

    @Test
    void nonAsciiBytesAroundASecret_survive() {
        String text = "héllo → " + KEY + " ✓";
        assertThat(body(text)).isEqualTo("héllo → [REDACTED] ✓");
    }

    @Test
    void utf16Body_isDecodedRedactedReencoded() {
        byte[] utf16 = ("k=" + KEY).getBytes(StandardCharsets.UTF_16);
        var result = REDACTOR.redact(utf16, StandardCharsets.UTF_16);
        assertThat(result.changed()).isTrue();
        assertThat(new String(result.body(), StandardCharsets.UTF_16)).isEqualTo("k=[REDACTED]");
    }

    @Test
    void valuesShorterThanTheMinimum_areNotMatched() {
        var redactor = Redactor.of(Set.of("abc", "12345"));
        assertThat(redactor.isEmpty()).isTrue();
        assertThat(redactor.redact("id 12345")).isEqualTo("id 12345");
    }
}
