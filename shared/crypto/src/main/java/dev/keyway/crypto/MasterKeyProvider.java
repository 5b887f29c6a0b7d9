package dev.keyway.crypto;

/**
 * The master key behind envelope encryption. Shaped like KMS ({@code GenerateDataKey} and
 * {@code Decrypt} with an encryption context) so a KMS key can replace the key set in
 * Secrets Manager without touching {@link CredentialCipher} or stored ciphertexts' format.
 *
 * <p>Key ids are recorded in every ciphertext, so they must match {@code [A-Za-z0-9_-]{1,32}}.
 */
public interface MasterKeyProvider {

    /** The key id new data keys are wrapped with. */
    String primaryKeyId();

    /** A new random 256-bit data key, wrapped by the primary master key and bound to {@code context}. */
    DataKey generateDataKey(EncryptionContext context);

    /**
     * Unwraps a data key.
     *
     * @throws DecryptionException if {@code keyId} is unknown or the wrap does not authenticate
     */
    byte[] decryptDataKey(String keyId, byte[] wrappedKey, EncryptionContext context);
}
