package dev.keyway.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Envelope encryption of credentials at rest. Each {@link #encrypt} makes a fresh random
 * 256-bit data key, encrypts the plaintext with it (AES-256-GCM, random 96-bit nonce) and
 * stores it wrapped by the primary master key; so a data key seals one message and a
 * master key only wraps data keys, and neither nears the GCM limit for random nonces.
 * The {@link EncryptionContext} is authenticated by both layers.
 *
 * <p>Thread-safe. Cheap to construct: no key is read until the first call.
 */
public final class CredentialCipher {
    private static final String DATA_PURPOSE = "keyway/v1/credential";

    private final MasterKeyProvider masterKeys;

    public CredentialCipher(MasterKeyProvider masterKeys) {
        this.masterKeys = masterKeys;
    }

    /** Encrypts {@code plaintext} for the row described by {@code context}; see {@link Envelope} for the format. */
    public String encrypt(String plaintext, EncryptionContext context) {
        DataKey dataKey = masterKeys.generateDataKey(context);
        try {
            byte[] sealed = Aead.seal(dataKey.plaintextKey(), plaintext.getBytes(StandardCharsets.UTF_8),
                    context.aad(DATA_PURPOSE));
            return new Envelope(dataKey.keyId(), dataKey.wrappedKey(), sealed).format();
        } finally {
            Arrays.fill(dataKey.plaintextKey(), (byte) 0);
        }
    }

    /**
     * Decrypts a ciphertext stored in the row described by {@code context}.
     *
     * @throws DecryptionException if it is malformed, tampered with, from another row, or
     *                             names a master key id this deployment does not know
     */
    public String decrypt(String ciphertext, EncryptionContext context) {
        Envelope envelope = Envelope.parse(ciphertext);
        byte[] dataKey = masterKeys.decryptDataKey(envelope.keyId(), envelope.wrappedKey(), context);
        try {
            byte[] plaintext = Aead.open(dataKey, envelope.sealedData(), context.aad(DATA_PURPOSE), "ciphertext");
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The master key new ciphertexts are wrapped with; the re-encryption sweep rewrites others. */
    public String primaryKeyId() {
        return masterKeys.primaryKeyId();
    }

    /**
     * The master key id a ciphertext was written under, read without decrypting.
     *
     * @throws DecryptionException if it is not a ciphertext of a known format
     */
    public static String keyIdOf(String ciphertext) {
        return Envelope.parse(ciphertext).keyId();
    }
}
