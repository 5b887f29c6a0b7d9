package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayConfig;
import dev.keyway.core.KeywayException;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** {@link SecretsManagerKeySetSource} against a real Secrets Manager API (moto or LocalStack). */
@ExtendWith(LocalAwsExtension.class)
class SecretsManagerKeySetSourceTest {
    private static final EncryptionContext CONTEXT = new EncryptionContext("app_1", "la_1", "oauth2_tokens");

    @Test
    void load_readsTheProvisionedKeySetAndTheCipherUsesIt(LocalAws aws) {
        // GIVEN the key set secret that template.yaml provisions
        String secretId = KeywayConfig.setting(KeywayConfig.KEY_SET_SECRET).orElseThrow();
        SecretsManagerKeySetSource source = new SecretsManagerKeySetSource(aws.secretsManager(), secretId);

        // WHEN a cipher reads it
        CredentialCipher cipher = new CredentialCipher(new KeySetMasterKeyProvider(source));
        String ciphertext = cipher.encrypt("secret", CONTEXT);

        // THEN it holds the initial key k1 and round-trips
        assertThat(source.load().keyIds()).contains("k1");
        assertThat(cipher.decrypt(ciphertext, CONTEXT)).isEqualTo("secret");
    }

    @Test
    void save_writesAKeySetThatTheNextLoadReturns(LocalAws aws) {
        // GIVEN a secret of our own (the provisioned one is shared by every test in the JVM)
        SecretsManagerKeySetSource source = new SecretsManagerKeySetSource(aws.secretsManager(), newSecret(aws, KeySetRotation.initial().toJson()));
        KeySet before = source.load();

        // WHEN a rotation is saved
        KeySet rotated = KeySetRotation.rotate(before);
        source.save(rotated);

        // THEN the next load sees k2 as primary with k1 unchanged
        KeySet after = source.load();
        assertThat(after.primaryKeyId()).isEqualTo("k2");
        assertThat(after.keyIds()).containsExactly("k1", "k2");
        assertThat(after.key("k1")).isEqualTo(before.key("k1"));
        assertThat(after.key("k2")).isEqualTo(rotated.key("k2"));
    }

    @Test
    void decrypt_picksUpARotationSavedByAnotherContainer(LocalAws aws) {
        // GIVEN two containers on the same secret; the first has cached {k1}
        String secretId = newSecret(aws, KeySetRotation.initial().toJson());
        SecretsManagerKeySetSource source = new SecretsManagerKeySetSource(aws.secretsManager(), secretId);
        CredentialCipher first = new CredentialCipher(new KeySetMasterKeyProvider(source));
        String underK1 = first.encrypt("old", CONTEXT);

        // WHEN the admin rotates and the second container writes under k2
        source.save(KeySetRotation.rotate(source.load()));
        CredentialCipher second = new CredentialCipher(new KeySetMasterKeyProvider(source));
        String underK2 = second.encrypt("new", CONTEXT);

        // THEN each reads the other's ciphertexts
        assertThat(CredentialCipher.keyIdOf(underK2)).isEqualTo("k2");
        assertThat(first.decrypt(underK2, CONTEXT)).isEqualTo("new");
        assertThat(second.decrypt(underK1, CONTEXT)).isEqualTo("old");
    }

    @Test
    void load_failsAsRetryableWhenTheSecretDoesNotExist(LocalAws aws) {
        SecretsManagerKeySetSource source = new SecretsManagerKeySetSource(aws.secretsManager(), "keyway-missing-" + UUID.randomUUID());

        assertThatThrownBy(source::load)
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessage("master key set unavailable")
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void load_failsAsRetryableWithoutQuotingAnInvalidSecret(LocalAws aws) {
        // GIVEN a secret holding a 31-byte canary key, and one holding broken JSON around it
        String canary = Base64.getEncoder().encodeToString("CANARY-key-material-31-bytes!!!".getBytes());
        String shortKey = newSecret(aws, "{\"primary\":\"k1\",\"keys\":{\"k1\":\"" + canary + "\"}}");
        String brokenJson = newSecret(aws, "{\"primary\":\"k1\",\"keys\":{\"k1\":\"" + canary + "\"");

        for (String secretId : new String[] {shortKey, brokenJson}) {
            // WHEN it is loaded
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                    () -> new SecretsManagerKeySetSource(aws.secretsManager(), secretId).load());

            // THEN it is a 503 whose message and causes never quote the secret
            assertThat(failure).isInstanceOf(KeywayException.class).hasMessage("master key set unavailable");
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(canary, canary.substring(0, 12), "CANARY");
            }
        }
    }

    private static String newSecret(LocalAws aws, String value) {
        String name = "keyway-crypto-test-" + UUID.randomUUID();
        aws.secretsManager().createSecret(r -> r.name(name).secretString(value));
        return name;
    }
}
