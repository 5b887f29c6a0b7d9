package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialCipherTest {
    private static final EncryptionContext CONTEXT = new EncryptionContext("app_1", "la_1", "oauth2_tokens");

    private final KeySet keySet = KeySetRotation.initial();
    private final CredentialCipher cipher = new CredentialCipher(new KeySetMasterKeyProvider(new InMemoryKeySetSource(keySet)));

    @ParameterizedTest
    @ValueSource(strings = {"", "gho_16C7e42F292c6912E7710c838347Ae178B4a", "pässwörd ✓ 鍵 🔑", "{\"refresh_token\":\"r\"}"})
    void decrypt_returnsThePlaintextThatWasEncrypted(String plaintext) {
        // GIVEN a ciphertext for a row
        String ciphertext = cipher.encrypt(plaintext, CONTEXT);

        // WHEN it is decrypted for the same row
        String decrypted = cipher.decrypt(ciphertext, CONTEXT);

        // THEN the plaintext comes back unchanged
        assertThat(decrypted).isEqualTo(plaintext);
    }

    @Test
    void encrypt_producesCompactAsciiWithVersionAndKeyId() {
        // WHEN a 40-character token is encrypted
        String ciphertext = cipher.encrypt("x".repeat(40), CONTEXT);

        // THEN the string is v1.k1.<base64url 60 bytes>.<base64url 12 + 40 + 16 bytes>
        String[] parts = ciphertext.split("\\.");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("v1");
        assertThat(parts[1]).isEqualTo("k1");
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(60);
        assertThat(Base64.getUrlDecoder().decode(parts[3])).hasSize(68);
        assertThat(ciphertext).matches("[A-Za-z0-9_.-]+");
        assertThat(CredentialCipher.keyIdOf(ciphertext)).isEqualTo("k1");
    }

    @Test
    void encrypt_differsEveryTimeForTheSamePlaintext() {
        // WHEN the same plaintext is encrypted many times
        Set<String> ciphertexts = new HashSet<>();
        Set<String> wrappedKeys = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String ciphertext = cipher.encrypt("same secret", CONTEXT);
            ciphertexts.add(ciphertext);
            wrappedKeys.add(ciphertext.split("\\.")[2]);
        }

        // THEN every ciphertext, and every data key, is different
        assertThat(ciphertexts).hasSize(50);
        assertThat(wrappedKeys).hasSize(50);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void decrypt_failsWhenAnyByteOfABinaryPartIsFlipped(int part) {
        // GIVEN a valid ciphertext
        String ciphertext = cipher.encrypt("secret", CONTEXT);
        String[] parts = ciphertext.split("\\.");
        byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);

        for (int i = 0; i < bytes.length; i++) {
            // WHEN one byte of the wrapped key or of nonce/ciphertext/tag is flipped
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String[] copy = parts.clone();
            copy[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            String forged = String.join(".", copy);

            // THEN it fails to decrypt
            assertThatThrownBy(() -> cipher.decrypt(forged, CONTEXT))
                    .isInstanceOf(DecryptionException.class)
                    .hasMessageContaining("does not authenticate");
        }
    }

    @Test
    void decrypt_failsWhenTheVersionOrKeyIdIsChanged() {
        // GIVEN a key set with a second key, and a ciphertext under k1
        KeySet rotated = KeySetRotation.rotate(keySet);
        CredentialCipher both = new CredentialCipher(new KeySetMasterKeyProvider(new InMemoryKeySetSource(rotated)));
        String ciphertext = both.encrypt("secret", CONTEXT);
        String rest = ciphertext.substring(ciphertext.indexOf('.', 3));

        // WHEN the header is edited, THEN it fails
        assertThatThrownBy(() -> both.decrypt("v2.k2" + rest, CONTEXT))
                .isInstanceOf(DecryptionException.class).hasMessage("unsupported ciphertext version");
        assertThatThrownBy(() -> both.decrypt("v1.k1" + rest, CONTEXT))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("does not authenticate");
    }

    @Test
    void decrypt_failsWhenCiphertextMovedToAnotherApp() {
        String ciphertext = cipher.encrypt("secret", CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new EncryptionContext("app_2", "la_1", "oauth2_tokens")))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("does not authenticate");
    }

    @Test
    void decrypt_failsWhenCiphertextMovedToAnotherRecord() {
        String ciphertext = cipher.encrypt("secret", CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new EncryptionContext("app_1", "la_2", "oauth2_tokens")))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("does not authenticate");
    }

    @Test
    void decrypt_failsWhenCiphertextMovedToAnotherCredentialType() {
        String ciphertext = cipher.encrypt("secret", CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new EncryptionContext("app_1", "la_1", "client_secret")))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("does not authenticate");
    }

    @Test
    void decrypt_failsWhenContextFieldsAreShiftedAcrossTheirBoundaries() {
        // GIVEN fields whose concatenation is the same ("a" + "b.c" vs "a.b" + "c")
        EncryptionContext original = new EncryptionContext("app", "b.c", "t");
        String ciphertext = cipher.encrypt("secret", original);

        // WHEN decrypted with the boundary moved, THEN length prefixes tell them apart
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, new EncryptionContext("app.b", "c", "t")))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void decrypt_failsWithClearMessageWhenMasterKeyIdIsUnknown() {
        // GIVEN a ciphertext claiming a key id this deployment never had
        String ciphertext = cipher.encrypt("secret", CONTEXT).replaceFirst("^v1\\.k1\\.", "v1.k9.");

        // WHEN decrypted, THEN the error names the key id
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, CONTEXT))
                .isInstanceOf(DecryptionException.class)
                .hasMessage("unknown master key id k9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain text", "v1.k1.abc", "v1.k1.a.b.c", "v1.k!.AAAA.AAAA", "v1.k1.AA==.AAAA",
            "v1.k1.A*AA.AAAA", "v1.k1..", "v1.k1.AAAA.AAAA"})
    void decrypt_failsOnMalformedCiphertext(String malformed) {
        assertThatThrownBy(() -> cipher.decrypt(malformed, CONTEXT)).isInstanceOf(DecryptionException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain text", "v1.k1.abc", "v1.k1.a.b.c", "v2.k1.AAAA.AAAA", "v1.k!.AAAA.AAAA"})
    void keyIdOf_failsOnMalformedCiphertext(String malformed) {
        assertThatThrownBy(() -> CredentialCipher.keyIdOf(malformed)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void encryptionContext_rejectsMissingFields() {
        assertThatThrownBy(() -> new EncryptionContext(null, "la_1", "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EncryptionContext("app_1", " ", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncryptionContext("app_1", "la_1", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
