package dev.keyway.crypto;

/**
 * A ciphertext could not be decrypted: malformed, tampered with, stored in another row, or
 * sealed under a master key this deployment does not have. The message says which, and never
 * contains plaintext, key material or the ciphertext; no cause is kept, because causes from
 * parsers can quote their input.
 */
public class DecryptionException extends RuntimeException {

    public DecryptionException(String message) {
        super(message);
    }
}
