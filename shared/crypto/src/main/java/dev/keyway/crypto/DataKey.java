package dev.keyway.crypto;

/**
 * A fresh data key: its plaintext, to encrypt one record, and the same key wrapped by the
 * master key {@code keyId}, to store beside it. Shaped like KMS {@code GenerateDataKey}.
 * The caller owns {@code plaintextKey} and zeroes it once the record is sealed.
 */
public record DataKey(String keyId, byte[] plaintextKey, byte[] wrappedKey) {

    @Override
    public String toString() {
        return "DataKey[keyId=" + keyId + "]";
    }
}
