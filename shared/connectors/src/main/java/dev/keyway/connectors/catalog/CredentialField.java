package dev.keyway.connectors.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One field of a CUSTOM auth method's schema: what the connection form asks and import accepts.
 * Values of {@link Type#secret() secret} types are encrypted with the linked account's credentials;
 * the others become its (non-secret) connection config.
 *
 * @param pattern an anchored regular expression a string or secret value must match; may be null
 * @param help    help text shown under the label; may be null
 */
public record CredentialField(String name, String label, Type type, boolean required, String pattern, String help) {
    public static final int MAX_FIELDS = 20;

    /** The value types a schema field may have; the names are the public contract. */
    public enum Type {
        STRING, SECRET, NUMBER, BOOLEAN, PEM, JSON;

        /** A PEM (private key or certificate + key) and a JSON document (a service-account key) are secrets too. */
        public boolean secret() {
            return this == SECRET || this == PEM || this == JSON;
        }

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type named {@code wire}, or null when there is none. */
        public static Type parse(String wire) {
            for (Type t : values()) {
                if (t.wire().equals(wire)) {
                    return t;
                }
            }
            return null;
        }
    }

    public boolean secret() {
        return type.secret();
    }
}
