package dev.keyway.linkedaccounts;

import static dev.keyway.linkedaccounts.ImportParser.invalid;
import static dev.keyway.linkedaccounts.ImportParser.join;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.connectors.catalog.CredentialField;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CUSTOM auth method's values, checked against its field schema: the secret ones become the
 * account's {@link Credentials.Custom}, the others its connection config. Every value is kept as
 * text (numbers in plain notation, booleans as {@code true}/{@code false}, JSON compacted).
 * Messages name the field, never its value.
 */
final class CustomFields {
    static final int MAX_PLAIN = 512;
    static final int MAX_SECRET = ImportParser.MAX_SECRET;

    /** What a CUSTOM import or form yields. */
    record Values(Credentials.Custom credentials, Map<String, String> config) {
    }

    private CustomFields() {
    }

    static Values read(List<CredentialField> schema, JsonNode given, String path) {
        Map<String, CredentialField> byName = new LinkedHashMap<>();
        schema.forEach(f -> byName.put(f.name(), f));
        for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!byName.containsKey(name)) {
                throw invalid(join(path, name), "unknown field; the auth method declares " + byName.keySet());
            }
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> config = new LinkedHashMap<>();
        for (CredentialField field : schema) {
            JsonNode value = given.get(field.name());
            String at = join(path, field.name());
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                if (field.required()) {
                    throw invalid(at, "required");
                }
                continue;
            }
            String text = text(field, value, at);
            (field.secret() ? secrets : config).put(field.name(), text);
        }
        return new Values(new Credentials.Custom(secrets), config);
    }

    private static String text(CredentialField field, JsonNode value, String at) {
        return switch (field.type()) {
            case STRING, SECRET -> matching(field, string(value, at, field.secret() ? MAX_SECRET : MAX_PLAIN), at);
            case NUMBER -> number(value, at);
            case BOOLEAN -> bool(value, at);
            case PEM -> pem(string(value, at, MAX_SECRET), at);
            case JSON -> json(value, at);
        };
    }

    private static String string(JsonNode value, String at, int max) {
        if (!value.isTextual()) {
            throw invalid(at, "must be a string");
        }
        String text = value.asText();
        if (text.length() > max) {
            throw invalid(at, "at most " + max + " characters");
        }
        return text;
    }

    private static String matching(CredentialField field, String text, String at) {
        if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(text).matches()) {
            throw invalid(at, "must match " + field.pattern());
        }
        return text;
    }

    private static String number(JsonNode value, String at) {
        try {
            BigDecimal n = value.isNumber() ? value.decimalValue()
                    : value.isTextual() && value.asText().strip().length() <= 40 ? new BigDecimal(value.asText().strip()) : null;
            if (n != null) {
                return n.toPlainString();
            }
        } catch (NumberFormatException e) {
            // answered below, without the value
        }
        throw invalid(at, "must be a number");
    }

    private static String bool(JsonNode value, String at) {
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return value.asText();
        }
        throw invalid(at, "must be true or false");
    }

    private static String pem(String text, String at) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("-----BEGIN ") || !trimmed.contains("-----END ")) {
            throw invalid(at, "must be PEM text (-----BEGIN …----- … -----END …-----)");
        }
        return trimmed + "\n";
    }

    /** An object or array, or a string holding one (a pasted service-account key). */
    private static String json(JsonNode value, String at) {
        JsonNode tree = value;
        if (value.isTextual()) {
            if (value.asText().length() > MAX_SECRET) {
                throw invalid(at, "at most " + MAX_SECRET + " characters");
            }
            try {
                tree = Json.mapper().readTree(value.asText());
            } catch (JacksonException e) {
                throw invalid(at, "must be a JSON object or array (or a string holding one)");
            }
        }
        if (tree == null || !(tree.isObject() || tree.isArray())) {
            throw invalid(at, "must be a JSON object or array (or a string holding one)");
        }
        String compact = Json.write(tree);
        if (compact.length() > MAX_SECRET) {
            throw invalid(at, "at most " + MAX_SECRET + " characters");
        }
        return compact;
    }

    /** The proxy forwards HTTP with one injected credential; a CUSTOM account has neither. */
    static KeywayException notProxied() {
        return new KeywayException(400, "proxy_not_supported", "this linked account uses a CUSTOM auth method: "
                + "its fields (a database's or server's credentials) are not an HTTP credential the proxy can inject. "
                + "Resolve the linked account inside your trusted runtime and connect with its fields instead");
    }
}
