package dev.keyway.crypto;

import dev.keyway.core.Ids;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure key set transitions for the admin CLI. Rotation is: {@link #rotate} and save; let
 * every container pick up the new primary; re-encrypt records still under old key ids
 * (see {@link CredentialCipher#keyIdOf}); then {@link #retire} each old id and save.
 */
public final class KeySetRotation {
    private static final Pattern NUMBERED = Pattern.compile("k([0-9]{1,9})");

    private KeySetRotation() {
    }

    /** A first key set: one fresh key {@code k1}, primary. */
    public static KeySet initial() {
        return KeySet.of("k1", Map.of("k1", Ids.randomBytes(Aead.KEY_BYTES)));
    }

    /**
     * {@code current} plus a fresh random key, made primary, named {@code k<n+1>} where n is
     * the highest number among ids of the form {@code k<n>} (so ids are never reused).
     */
    public static KeySet rotate(KeySet current) {
        long highest = 0;
        for (String id : current.keyIds()) {
            Matcher m = NUMBERED.matcher(id);
            if (m.matches()) {
                highest = Math.max(highest, Long.parseLong(m.group(1)));
            }
        }
        String newId = "k" + (highest + 1);
        Map<String, byte[]> keys = current.keysCopy();
        keys.put(newId, Ids.randomBytes(Aead.KEY_BYTES));
        return KeySet.of(newId, keys);
    }

    /**
     * {@code current} without {@code keyId}. Ciphertexts under that id become unreadable, so
     * call it only once no record uses it.
     *
     * @throws IllegalArgumentException if {@code keyId} is the primary or not in the set
     */
    public static KeySet retire(KeySet current, String keyId) {
        if (!current.contains(keyId)) {
            throw new IllegalArgumentException("key " + keyId + " is not in " + current);
        }
        if (keyId.equals(current.primaryKeyId())) {
            throw new IllegalArgumentException("cannot retire the primary key " + keyId + "; rotate first");
        }
        Map<String, byte[]> keys = current.keysCopy();
        keys.remove(keyId);
        return KeySet.of(current.primaryKeyId(), keys);
    }
}
