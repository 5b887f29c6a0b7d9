package dev.keyway.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a ciphertext belongs: the row it is stored in. It is authenticated (as GCM
 * additional data) by both the data-key wrap and the credential encryption, so a ciphertext
 * copied into another app, another record or another credential slot fails to decrypt.
 *
 * <p>Nothing here is secret; it is stored in clear beside the ciphertext.
 *
 * @param credentialType which credential of the record, e.g. {@code oauth2_tokens},
 *                       {@code client_secret}; one record may hold several
 */
public record EncryptionContext(String appId, String recordId, String credentialType) {

    public EncryptionContext {
        requireText(appId, "appId");
        requireText(recordId, "recordId");
        requireText(credentialType, "credentialType");
    }

    /**
     * The additional authenticated data for one use ({@code purpose}) of this context.
     * Every field is length-prefixed, so ("a.b", "c") and ("a", "b.c") never collide,
     * and the purpose separates the wrap AAD from the data AAD.
     */
    byte[] aad(String purpose) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (String field : new String[] {purpose, appId, recordId, credentialType}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            // An empty field would let unrelated rows share a context.
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
