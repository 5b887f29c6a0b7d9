package dev.keyway.linkedaccounts;

import static dev.keyway.linkedaccounts.ImportParser.invalid;
import static dev.keyway.linkedaccounts.ImportParser.join;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;

/**
 * A JWT_BEARER account's key, as given: {@code privateKey} (PKCS#8 PEM) + {@code issuer} (+ optional
 * {@code subject}, {@code keyId}), or a Google {@code serviceAccountKey} JSON file as downloaded
 * (its client_email, private_key and private_key_id). The key must be usable before anything is stored.
 */
final class ServiceAccountKeys {
    private ServiceAccountKeys() {
    }

    static Credentials.JwtBearer read(JsonNode c, String path) {
        JsonNode file = c.get("serviceAccountKey");
        Credentials.JwtBearer key;
        if (file != null && !file.isNull()) {
            for (String other : new String[] {"privateKey", "issuer", "keyId"}) {
                if (c.hasNonNull(other)) {
                    throw invalid(join(path, other), "give serviceAccountKey or privateKey + issuer, not both");
                }
            }
            JsonNode json = parse(file, join(path, "serviceAccountKey"));
            key = new Credentials.JwtBearer(text(json, "private_key", path), text(json, "client_email", path),
                    optional(c, "subject", path), json.hasNonNull("private_key_id") ? json.get("private_key_id").asText() : null,
                    null);
        } else {
            key = new Credentials.JwtBearer(required(c, "privateKey", path), required(c, "issuer", path),
                    optional(c, "subject", path), optional(c, "keyId", path), null);
        }
        JwtAssertions.privateKey(key.privateKey());
        return key;
    }

    private static JsonNode parse(JsonNode file, String at) {
        try {
            JsonNode json = file.isTextual() ? Json.mapper().readTree(file.asText()) : file;
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            // answered below, without quoting the file
        }
        throw invalid(at, "a service-account key file: a JSON object with client_email and private_key");
    }

    private static String text(JsonNode json, String name, String path) {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(join(join(path, "serviceAccountKey"), name), "required");
        }
        return value.asText();
    }

    private static String required(JsonNode c, String name, String path) {
        String value = optional(c, name, path);
        if (value == null) {
            throw invalid(join(path, name), "required (or give serviceAccountKey)");
        }
        return value;
    }

    private static String optional(JsonNode c, String name, String path) {
        JsonNode value = c.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > ImportParser.MAX_SECRET) {
            throw invalid(join(path, name), "a non-empty string of at most " + ImportParser.MAX_SECRET + " characters");
        }
        return value.asText();
    }
}
