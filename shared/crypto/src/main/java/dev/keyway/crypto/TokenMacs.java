package dev.keyway.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256) of bearer tokens that must not be checkable from a copy of the
 * table alone: a dump of DynamoDB without the master key set cannot test a guessed token.
 * The MAC key is derived from a master key per purpose ({@code HMAC(masterKey, purpose)}), so
 * no master key is used directly and two purposes never share a key. Each stored MAC records
 * the master key id it was made under: a token stays valid across a key rotation until that
 * key is retired.
 */
public final class TokenMacs {
    private static final String ALGORITHM = "HmacSHA256";

    /** A MAC and the id of the master key it was derived from. */
    public record TokenMac(String keyId, String hex) {
        @Override
        public String toString() {
            return "TokenMac[keyId=" + keyId + "]";
        }
    }

    private final CachedKeySet keySet;
    private final String purpose;

    /** Nothing is read here: the key set is loaded on first use (SnapStart-safe). */
    public TokenMacs(KeySetSource source, String purpose) {
        this.keySet = new CachedKeySet(source, Clock.systemUTC(), KeySetMasterKeyProvider.MIN_RELOAD_INTERVAL,
                KeySetMasterKeyProvider.MAX_AGE);
        this.purpose = purpose;
    }

    /** The MAC of {@code token} under the current primary master key. */
    public TokenMac mac(String token) {
        KeySet keys = keySet.current();
        String keyId = keys.primaryKeyId();
        return new TokenMac(keyId, HexFormat.of().formatHex(mac(keys.key(keyId), token)));
    }

    /** Whether {@code token} has the stored MAC; compared in constant time. False for an unknown key id. */
    public boolean matches(String token, TokenMac stored) {
        if (stored == null || !KeySet.isValidKeyId(stored.keyId())) {
            return false;
        }
        KeySet keys = keySet.containing(stored.keyId());
        if (!keys.contains(stored.keyId())) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(stored.hex());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(keys.key(stored.keyId()), token), expected);
    }

    private byte[] mac(byte[] masterKey, String token) {
        byte[] derived = hmac(masterKey, ("keyway/v1/token-mac/" + purpose).getBytes(StandardCharsets.UTF_8));
        return hmac(derived, token.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always present", e);
        }
    }
}
