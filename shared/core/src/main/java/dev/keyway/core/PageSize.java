package dev.keyway.core;

import java.util.Optional;

/** The {@code limit} query parameter of every list: 1 to 100, 50 when absent. */
public final class PageSize {
    public static final int DEFAULT = 50;
    public static final int MAX = 100;

    private PageSize() {
    }

    public static int parse(Optional<String> limit) {
        if (limit.isEmpty()) {
            return DEFAULT;
        }
        try {
            int n = Integer.parseInt(limit.get());
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw KeywayException.invalid("limit: an integer from 1 to " + MAX);
    }
}
