package dev.keyway.upstream;

import java.util.Locale;

/** One HTTP header line; names compare case-insensitively. A repeated header is several of these. */
public record Header(String name, String value) {

    public Header {
        if (name == null || value == null) {
            throw new IllegalArgumentException("a header needs a name and a value");
        }
    }

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Header values may hold credentials; only the name is printed. */
    @Override
    public String toString() {
        return "Header[" + name + "]";
    }
}
