package dev.keyway.apps;

import dev.keyway.core.Ids;
import java.util.regex.Pattern;

/**
 * The shape of app secret keys: {@code sk_live_} (or {@code sk_test_} for local-mode apps)
 * and 256 random bits in base32. Only a SHA-256 of the key is stored: with 256 bits of
 * randomness nothing can be guessed from the hash, so a slow password hash would only add
 * latency to every authorized request.
 */
public final class SecretKeys {
    static final int RANDOM_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("sk_(live|test)_[a-z2-7]{52}");

    private SecretKeys() {
    }

    public static String generate(boolean localMode) {
        return Ids.newToken(localMode ? "sk_test_" : "sk_live_", RANDOM_BYTES);
    }

    public static boolean isWellFormed(String key) {
        return key != null && FORMAT.matcher(key).matches();
    }

    public static String hash(String key) {
        return dev.keyway.core.Hashes.sha256Hex(key);
    }

    /** What a listing shows so people can tell keys apart: the last four characters. */
    public static String hint(String key) {
        return key.substring(0, 8) + "..." + key.substring(key.length() - 4);
    }
}
