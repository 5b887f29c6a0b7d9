package dev.keyway.provisioning;

import java.util.List;
import java.util.Map;

/** Typed reads of the plain maps and lists a parsed template is made of. */
final class Values {

    private Values() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a mapping, got " + value);
    }

    static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("expected a list, got " + value);
    }

    /** A literal scalar; intrinsics must go through {@link Resolver} instead. */
    static String string(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("expected a literal value, got " + value);
        }
        return value.toString();
    }

    static boolean bool(Object value, boolean absent) {
        return value == null ? absent : Boolean.parseBoolean(string(value));
    }
}
