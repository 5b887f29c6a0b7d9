package dev.keyway.crypto;

import java.util.Base64;

/**
 * The stored form: {@code v1.<keyId>.<base64url wrapped data key>.<base64url nonce+ciphertext+tag>}.
 * ASCII only, no padding, and '.' never occurs inside a part (key ids are [A-Za-z0-9_-]),
 * so it fits a DynamoDB string attribute and splits unambiguously.
 */
record Envelope(String keyId, byte[] wrappedKey, byte[] sealedData) {
    static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    String format() {
        return VERSION + "." + keyId + "." + ENCODER.encodeToString(wrappedKey) + "." + ENCODER.encodeToString(sealedData);
    }

    /** Messages never quote the input, except a well-formed key id. */
    static Envelope parse(String ciphertext) {
        if (ciphertext == null) {
            throw new DecryptionException("malformed ciphertext: null");
        }
        String[] parts = ciphertext.split("\\.", -1);
        if (parts.length != 4) {
            throw new DecryptionException("malformed ciphertext: expected 4 parts");
        }
        if (!VERSION.equals(parts[0])) {
            throw new DecryptionException("unsupported ciphertext version");
        }
        if (!KeySet.isValidKeyId(parts[1])) {
            throw new DecryptionException("malformed ciphertext: bad master key id");
        }
        return new Envelope(parts[1], decode(parts[2], "wrapped data key"), decode(parts[3], "data"));
    }

    private static byte[] decode(String part, String what) {
        if (part.indexOf('=') >= 0) {
            throw new DecryptionException("malformed ciphertext: " + what + " is padded");
        }
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes the offending character.
            throw new DecryptionException("malformed ciphertext: " + what + " is not base64url");
        }
    }
}
