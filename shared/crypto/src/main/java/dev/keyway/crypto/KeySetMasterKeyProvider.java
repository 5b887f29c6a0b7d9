package dev.keyway.crypto;

import dev.keyway.core.Ids;
import java.time.Clock;
import java.time.Duration;

/**
 * Master keys from a {@link KeySet} (in Secrets Manager), cached per container: data keys
 * are generated here and wrapped with AES-256-GCM under the primary master key.
 */
public final class KeySetMasterKeyProvider implements MasterKeyProvider {
    /** Bounds Secrets Manager calls caused by ciphertexts naming an unknown key id. */
    public static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);
    /** How long a container may keep wrapping with a primary that has since been rotated. */
    public static final Duration MAX_AGE = Duration.ofMinutes(15);

    private static final String WRAP_PURPOSE = "keyway/v1/data-key";

    private final CachedKeySet keySet;

    /** Nothing is read here: the key set is loaded on first use (SnapStart-safe). */
    public KeySetMasterKeyProvider(KeySetSource source) {
        this(source, Clock.systemUTC(), MIN_RELOAD_INTERVAL, MAX_AGE);
    }

    public KeySetMasterKeyProvider(KeySetSource source, Clock clock, Duration minReloadInterval, Duration maxAge) {
        this.keySet = new CachedKeySet(source, clock, minReloadInterval, maxAge);
    }

    @Override
    public String primaryKeyId() {
        return keySet.current().primaryKeyId();
    }

    @Override
    public DataKey generateDataKey(EncryptionContext context) {
        KeySet keys = keySet.current();
        String keyId = keys.primaryKeyId();
        byte[] dataKey = Ids.randomBytes(Aead.KEY_BYTES);
        byte[] wrapped = Aead.seal(keys.key(keyId), dataKey, context.aad(WRAP_PURPOSE));
        return new DataKey(keyId, dataKey, wrapped);
    }

    @Override
    public byte[] decryptDataKey(String keyId, byte[] wrappedKey, EncryptionContext context) {
        if (!KeySet.isValidKeyId(keyId)) {
            throw new DecryptionException("malformed master key id"); // not echoed: could be anything
        }
        KeySet keys = keySet.containing(keyId);
        if (!keys.contains(keyId)) {
            throw new DecryptionException("unknown master key id " + keyId);
        }
        return Aead.open(keys.key(keyId), wrappedKey, context.aad(WRAP_PURPOSE), "wrapped data key");
    }
}
