package dev.keyway.crypto;

import dev.keyway.core.Ids;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 96-bit nonce, output as {@code nonce || ciphertext || tag}. */
final class Aead {
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private Aead() {
    }

    static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        // Random nonces are safe here because every key seals very few messages: a data key
        // seals exactly one, and a master key one per record write (far below 2^32).
        byte[] nonce = Ids.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            // Only reachable with a broken JCE; the exception carries no key material.
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] open(byte[] key, byte[] sealed, byte[] aad, String what) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionException("malformed ciphertext: " + what + " too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new DecryptionException(what + " does not authenticate: tampered with, or stored in another row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
