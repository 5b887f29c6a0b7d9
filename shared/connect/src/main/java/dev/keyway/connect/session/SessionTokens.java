package dev.keyway.connect.session;

import dev.keyway.core.Hashes;
import dev.keyway.core.Ids;
import java.util.regex.Pattern;

/** Connect-session tokens: {@code cs_} + 256 random bits in base32, stored only as SHA-256. */
public final class SessionTokens {
    static final int RANDOM_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("cs_[a-z2-7]{52}");

    private SessionTokens() {
    }

    static String generate() {
        return Ids.newToken("cs_", RANDOM_BYTES);
    }

    /** Checked before any lookup, so junk never reaches the table. */
    public static boolean isWellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    public static String hash(String token) {
        return Hashes.sha256Hex(token);
    }
}
