package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySetRotationTest {
    private static final EncryptionContext CONTEXT = new EncryptionContext("app_1", "la_1", "oauth2_tokens");

    @Test
    void rotate_addsAFreshKeyAndMakesItPrimary() {
        KeySet k1 = KeySetRotation.initial();

        KeySet rotated = KeySetRotation.rotate(k1);

        assertThat(rotated.primaryKeyId()).isEqualTo("k2");
        assertThat(rotated.keyIds()).containsExactly("k1", "k2");
        assertThat(rotated.key("k1")).isEqualTo(k1.key("k1"));
        assertThat(rotated.key("k2")).isNotEqualTo(k1.key("k1"));
    }

    @Test
    void rotate_numbersAfterTheHighestNumberedIdEvenIfRetired() {
        // GIVEN k1..k3 were issued and k1, k2 later retired; plus a hand-named key
        KeySet keySet = KeySet.of("k3", Map.of("k3", new byte[32], "legacy", new byte[32], "k10x", new byte[32]));

        assertThat(KeySetRotation.rotate(keySet).primaryKeyId()).isEqualTo("k4");
    }

    @Test
    void decrypt_readsOldKeyCiphertextsAfterRotationWhileNewOnesCarryTheNewKey() {
        // GIVEN a ciphertext written under k1
        InMemoryKeySetSource source = new InMemoryKeySetSource(KeySetRotation.initial());
        String underK1 = new CredentialCipher(new KeySetMasterKeyProvider(source)).encrypt("old secret", CONTEXT);

        // WHEN the key set is rotated and a new container starts
        source.save(KeySetRotation.rotate(source.load()));
        CredentialCipher cipher = new CredentialCipher(new KeySetMasterKeyProvider(source));

        // THEN the k1 ciphertext still decrypts and new ciphertexts are under k2
        assertThat(cipher.decrypt(underK1, CONTEXT)).isEqualTo("old secret");
        String underK2 = cipher.encrypt("new secret", CONTEXT);
        assertThat(CredentialCipher.keyIdOf(underK2)).isEqualTo("k2");
        assertThat(cipher.primaryKeyId()).isEqualTo("k2");
        assertThat(cipher.decrypt(underK2, CONTEXT)).isEqualTo("new secret");
    }

    @Test
    void retire_removesAnOldKey() {
        KeySet rotated = KeySetRotation.rotate(KeySetRotation.initial());

        KeySet retired = KeySetRotation.retire(rotated, "k1");

        assertThat(retired.primaryKeyId()).isEqualTo("k2");
        assertThat(retired.keyIds()).containsExactly("k2");
    }

    @Test
    void retire_refusesThePrimary() {
        KeySet rotated = KeySetRotation.rotate(KeySetRotation.initial());

        assertThatThrownBy(() -> KeySetRotation.retire(rotated, "k2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot retire the primary key k2");
    }

    @Test
    void retire_refusesAnUnknownKey() {
        assertThatThrownBy(() -> KeySetRotation.retire(KeySetRotation.initial(), "k7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k7");
    }
}
