package dev.keyway.crypto;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The versioned master keys, as stored in Secrets Manager:
 * {@code {"primary":"k2","keys":{"k1":"<base64 32 bytes>","k2":"…"}}}.
 * The primary wraps new data keys; every key stays able to unwrap until it is retired.
 *
 * <p>Immutable. {@link #toString()} names key ids only; key bytes leave this class only
 * through {@link #toJson()} (to write the secret back) and, inside the package, to AES.
 */
public final class KeySet {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String primaryKeyId;
    private final Map<String, byte[]> keys;

    private KeySet(String primaryKeyId, Map<String, byte[]> keys) {
        this.primaryKeyId = primaryKeyId;
        this.keys = keys;
    }

    /**
     * Validates and copies. Messages name key ids and sizes, never key bytes.
     *
     * @throws IllegalArgumentException if the primary is missing, a key id is malformed or a
     *                                  key is not exactly 32 bytes
     */
    public static KeySet of(String primaryKeyId, Map<String, byte[]> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("key set has no keys");
        }
        Map<String, byte[]> copy = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (!isValidKeyId(id)) {
                throw new IllegalArgumentException("key id must match [A-Za-z0-9_-]{1,32}");
            }
            if (key == null || key.length != Aead.KEY_BYTES) {
                throw new IllegalArgumentException("key " + id + " must be exactly 32 bytes");
            }
            copy.put(id, key.clone());
        });
        if (primaryKeyId == null || !copy.containsKey(primaryKeyId)) {
            throw new IllegalArgumentException("primary key id is not one of the keys " + copy.keySet());
        }
        return new KeySet(primaryKeyId, Collections.unmodifiableMap(copy));
    }

    /** Parses the secret's JSON; see {@link #of} for the rules. */
    public static KeySet parse(String json) {
        JsonNode root;
        try {
            // A duplicated key id would silently keep the last value; refuse it instead.
            root = Json.mapper().reader(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).readTree(json);
        } catch (Exception e) {
            // Not chained: Jackson quotes the offending input, which here is key material.
            throw new IllegalArgumentException("key set is not valid JSON, or repeats a key id");
        }
        if (root == null || !root.isObject() || !root.path("primary").isTextual() || !root.path("keys").isObject()
                || root.size() != 2) {
            throw new IllegalArgumentException("key set must be {\"primary\":\"<id>\",\"keys\":{\"<id>\":\"<base64>\"}}");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.get("keys").properties()) {
            String id = entry.getKey();
            if (!isValidKeyId(id)) {
                throw new IllegalArgumentException("key id must match [A-Za-z0-9_-]{1,32}");
            }
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("key " + id + " must be a base64 string");
            }
            keys.put(id, decodeBase64(id, entry.getValue().textValue()));
        }
        return of(root.get("primary").textValue(), keys);
    }

    public static boolean isValidKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    public String primaryKeyId() {
        return primaryKeyId;
    }

    /** Key ids in sorted order. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean contains(String keyId) {
        return keys.containsKey(keyId);
    }

    /** The secret's JSON, keys in standard base64. Secret: write it only to Secrets Manager. */
    public String toJson() {
        Map<String, String> encoded = new TreeMap<>();
        keys.forEach((id, key) -> encoded.put(id, Base64.getEncoder().encodeToString(key)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("primary", primaryKeyId);
        root.put("keys", encoded);
        return Json.write(root);
    }

    /** The key bytes (a copy); package-private so only this package's AES code sees them. */
    byte[] key(String keyId) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no key " + keyId);
        }
        return key.clone();
    }

    /** All key bytes (copies), for building the next key set. */
    Map<String, byte[]> keysCopy() {
        Map<String, byte[]> copy = new TreeMap<>();
        keys.forEach((id, key) -> copy.put(id, key.clone()));
        return copy;
    }

    @Override
    public String toString() {
        return "KeySet[primary=" + primaryKeyId + ", keys=" + keys.keySet() + "]";
    }

    private static byte[] decodeBase64(String id, String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException standard) {
            try {
                // Accept the URL-safe alphabet too: both are common output of key generators.
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                // Not chained: the decoder's message quotes the offending character.
                throw new IllegalArgumentException("key " + id + " is not valid base64");
            }
        }
    }
}
