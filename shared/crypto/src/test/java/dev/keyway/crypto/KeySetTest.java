package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySetTest {
    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString(filled(32, 7));

    @Test
    void parse_readsPrimaryAndKeys() {
        // WHEN the secret's JSON is parsed
        KeySet keySet = KeySet.parse("{\"primary\":\"k2\",\"keys\":{\"k1\":\"" + K1 + "\",\"k2\":\"" + K2 + "\"}}");

        // THEN the primary and every key id are there
        assertThat(keySet.primaryKeyId()).isEqualTo("k2");
        assertThat(keySet.keyIds()).containsExactly("k1", "k2");
        assertThat(keySet.key("k2")).isEqualTo(filled(32, 7));
    }

    @Test
    void toJson_parsesBackToTheSameKeys() {
        KeySet original = KeySetRotation.rotate(KeySetRotation.initial());

        KeySet copy = KeySet.parse(original.toJson());

        assertThat(copy.primaryKeyId()).isEqualTo("k2");
        assertThat(copy.keyIds()).containsExactly("k1", "k2");
        assertThat(copy.key("k1")).isEqualTo(original.key("k1"));
        assertThat(copy.key("k2")).isEqualTo(original.key("k2"));
    }

    @Test
    void parse_acceptsUrlSafeBase64() {
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(filled(32, 0xfb));

        KeySet keySet = KeySet.parse("{\"primary\":\"k1\",\"keys\":{\"k1\":\"" + urlSafe + "\"}}");

        assertThat(keySet.key("k1")).isEqualTo(filled(32, 0xfb));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"primary\":\"k3\",\"keys\":{\"k1\":\"K1\"}}",
            "{\"keys\":{\"k1\":\"K1\"}}",
            "{\"primary\":\"k1\",\"keys\":{}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":\"SHORT\"}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":\"LONG\"}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":\"not base64!\"}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":42}}",
            "{\"primary\":\"k.1\",\"keys\":{\"k.1\":\"K1\"}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":\"K1\",\"\":\"K1\"}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":\"K1\",\"k123456789012345678901234567890123\":\"K1\"}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":\"K1\",\"k1\":\"K1\"}}",
            "{\"primary\":\"k1\",\"keys\":{\"k1\":\"K1\"},\"extra\":1}",
            "[]",
            "not json",
            ""})
    void parse_rejectsInvalidKeySets(String template) {
        String json = template.replace("K1", K1)
                .replace("SHORT", Base64.getEncoder().encodeToString(new byte[31]))
                .replace("LONG", Base64.getEncoder().encodeToString(new byte[33]));

        assertThatThrownBy(() -> KeySet.parse(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_namesTheOffendingKeyIdButNotItsBytes() {
        String shortKey = Base64.getEncoder().encodeToString(filled(31, 0x5a));

        assertThatThrownBy(() -> KeySet.parse("{\"primary\":\"k1\",\"keys\":{\"k1\":\"" + shortKey + "\"}}"))
                .hasMessage("key k1 must be exactly 32 bytes")
                .hasNoCause();
    }

    @Test
    void toString_namesKeyIdsOnly() {
        KeySet keySet = KeySet.parse("{\"primary\":\"k2\",\"keys\":{\"k1\":\"" + K1 + "\",\"k2\":\"" + K2 + "\"}}");

        assertThat(keySet.toString())
                .isEqualTo("KeySet[primary=k2, keys=[k1, k2]]")
                .doesNotContain(K2);
    }

    @Test
    void of_copiesKeysSoCallersCannotChangeThem() {
        byte[] key = filled(32, 1);
        KeySet keySet = KeySet.of("k1", java.util.Map.of("k1", key));

        key[0] = 99;
        keySet.key("k1")[1] = 99;

        assertThat(keySet.key("k1")).isEqualTo(filled(32, 1));
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
