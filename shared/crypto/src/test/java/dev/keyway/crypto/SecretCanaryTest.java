package dev.keyway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plants recognisable secrets and checks that no failure message or toString repeats them. */
class SecretCanaryTest {
    private static final String CANARY_PLAINTEXT = "CANARY-refresh-token-7f3a9c";
    private static final byte[] CANARY_KEY = "CANARY-master-key-32-bytes-long!".getBytes();
    private static final EncryptionContext CONTEXT = new EncryptionContext("app_1", "la_1", "oauth2_tokens");

    @Test
    void failuresAndToStrings_neverContainPlaintextKeysOrCiphertext() {
        // GIVEN a key set holding a canary key and a ciphertext of a canary credential
        KeySet keySet = KeySet.of("k1", Map.of("k1", CANARY_KEY));
        InMemoryKeySetSource source = new InMemoryKeySetSource(keySet);
        KeySetMasterKeyProvider provider = new KeySetMasterKeyProvider(source);
        CredentialCipher cipher = new CredentialCipher(provider);
        String ciphertext = cipher.encrypt(CANARY_PLAINTEXT, CONTEXT);
        String[] parts = ciphertext.split("\\.");

        // WHEN every failure path and every toString is exercised
        List<Throwable> failures = new ArrayList<>();
        failures.add(catchThrowable(() -> cipher.decrypt(ciphertext, new EncryptionContext("app_2", "la_1", "oauth2_tokens"))));
        failures.add(catchThrowable(() -> cipher.decrypt(ciphertext.substring(0, ciphertext.length() - 2), CONTEXT)));
        failures.add(catchThrowable(() -> cipher.decrypt(ciphertext + "*", CONTEXT)));
        failures.add(catchThrowable(() -> cipher.decrypt(ciphertext + ".x", CONTEXT)));
        failures.add(catchThrowable(() -> cipher.decrypt(ciphertext.replace("v1.k1.", "v1.k9."), CONTEXT)));
        failures.add(catchThrowable(() -> cipher.decrypt(ciphertext.replace("v1.k1.", "v1." + CANARY_PLAINTEXT + "!."), CONTEXT)));
        failures.add(catchThrowable(() -> cipher.decrypt(CANARY_PLAINTEXT, CONTEXT)));
        failures.add(catchThrowable(() -> KeySet.parse(keySet.toJson().replace("\"k1\":\"", "\"k1\":\"!"))));
        failures.add(catchThrowable(() -> KeySet.parse(keySet.toJson().replace("}}", "}"))));
        failures.add(catchThrowable(() -> KeySet.parse(keySet.toJson().replace("\"primary\":\"k1\"", "\"primary\":\"k2\""))));
        failures.add(catchThrowable(() -> KeySet.parse("{\"primary\":\"k1\",\"keys\":{\"k1\":\""
                + Base64.getEncoder().encodeToString(CANARY_PLAINTEXT.getBytes()) + "\"}}")));
        failures.add(catchThrowable(() -> KeySetRotation.retire(keySet, "k1")));
        failures.add(catchThrowable(() -> KeySetRotation.retire(keySet, "k5")));

        List<String> texts = new ArrayList<>();
        for (Throwable failure : failures) {
            assertThat(failure).isNotNull();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                texts.add(t.toString());
            }
        }
        texts.add(keySet.toString());
        texts.add(provider.generateDataKey(CONTEXT).toString());
        texts.add(source.toString());

        // THEN none of them repeats the plaintext, the key (raw or base64) or any ciphertext part
        String keyBase64 = Base64.getEncoder().encodeToString(CANARY_KEY);
        String plaintextBase64 = Base64.getEncoder().encodeToString(CANARY_PLAINTEXT.getBytes());
        for (String text : texts) {
            assertThat(text).doesNotContain("CANARY", keyBase64, keyBase64.substring(0, 12), plaintextBase64.substring(0, 12),
                    parts[2].substring(0, 12), parts[3].substring(0, 12));
        }
    }
}
