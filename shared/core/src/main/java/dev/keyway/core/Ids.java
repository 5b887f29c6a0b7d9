package dev.keyway.core;

import java.security.SecureRandom;

/**
 * Random identifiers and tokens. The generator is created on first use, never during class
 * initialisation, so a SnapStart snapshot never holds random state that restores would share.
 */
public final class Ids {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static volatile SecureRandom random;

    private Ids() {
    }

    /** {@code prefix_} followed by 128 random bits in lower-case base32, e.g. {@code la_…}. */
    public static String newId(String prefix) {
        return prefix + "_" + base32(randomBytes(16));
    }

    /** {@code prefix} followed by {@code bytes} random bytes in lower-case base32. */
    public static String newToken(String prefix, int bytes) {
        return prefix + base32(randomBytes(bytes));
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        secureRandom().nextBytes(b);
        return b;
    }

    public static SecureRandom secureRandom() {
        SecureRandom r = random;
        if (r == null) {
            synchronized (Ids.class) {
                if (random == null) {
                    random = new SecureRandom();
                }
                r = random;
            }
        }
        return r;
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
