package dev.keyway.storage;

import dev.keyway.core.KeywayException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pagination cursors for queries within one partition. The cursor carries only the sort key
 * of the last item (base64url); the partition comes from the caller's own app, so a cursor can
 * never reach into another app's data.
 */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey, String sortKeyName) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        String sk = lastEvaluatedKey.get(sortKeyName).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sk.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a cursor points at; refused unless it starts with {@code expectedPrefix}. */
    public static String decode(String cursor, String expectedPrefix) {
        try {
            String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (sk.startsWith(expectedPrefix)) {
                return sk;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the same answer as a cursor from elsewhere
        }
        throw KeywayException.invalid("cursor: not a cursor this list returned");
    }

    /**
     * A cursor for an index query: the whole last evaluated key (all string attributes) as
     * base64url JSON. Decoding checks that it points into the caller's own partition.
     */
    public static String encodeKey(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new java.util.TreeMap<>();
        lastEvaluatedKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                dev.keyway.core.Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, AttributeValue> decodeKey(String cursor, String partitionName, String expectedPartition) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> plain = dev.keyway.core.Json.mapper().readValue(
                    Base64.getUrlDecoder().decode(cursor), Map.class);
            if (plain != null && expectedPartition.equals(plain.get(partitionName))
                    && plain.values().stream().allMatch(v -> v instanceof String)) {
                Map<String, AttributeValue> key = new java.util.HashMap<>();
                plain.forEach((k, v) -> key.put(k, AttributeValue.fromS((String) v)));
                return key;
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            // same answer as a cursor of another list
        }
        throw KeywayException.invalid("cursor: not a cursor this list returned");
    }
}
