package dev.keyway.connectors.definition;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a {@code PUT /v1/connectors/{connectorKey}} body into a {@link ParsedConnector}. Every
 * problem is a {@link KeywayException#invalid} whose message starts with the field's path, e.g.
 * {@code authMethods[1].id: duplicate auth method id 'oauth'}, and never repeats a submitted value
 * that could be a secret.
 */
public final class ConnectorDefinitionParser {
    public static final int MAX_BODY_CHARS = 64 * 1024;
    /** Field names worth repeating in a message: identifiers, never long random-looking strings. */
    private static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,39}$");
    private static final ObjectReader READER = strictReader();

    private final ProviderCatalog catalog;

    public ConnectorDefinitionParser(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    /** Parses a new connector's body: every OAUTH2 auth method must carry its client secret. */
    public ParsedConnector parse(String connectorKey, String body, boolean localMode) {
        return parse(connectorKey, body, localMode, Set.of());
    }

    /**
     * Parses a connector body.
     *
     * @param localMode                   true only for the local-mode app: allows http://127.0.0.1, localhost, [::1]
     * @param authMethodsWithStoredSecret ids of auth methods that already have a stored client secret,
     *                                    which the body may then omit to keep it
     * @throws KeywayException 400 {@code invalid_request} naming the field
     */
    public ParsedConnector parse(String connectorKey, String body, boolean localMode,
            Set<String> authMethodsWithStoredSecret) {
        DefinitionValidator.checkKey(connectorKey);
        try {
            ConnectorRequest request = read(body);
            return new DefinitionValidator(catalog, localMode, authMethodsWithStoredSecret).validate(connectorKey, request);
        } catch (KeywayException e) {
            // Belt and braces: whatever a message ended up quoting, no client secret of this body survives in it.
            String scrubbed = scrub(e.getMessage(), body);
            throw scrubbed.equals(e.getMessage()) ? e : KeywayException.invalid(scrubbed);
        }
    }

    /** Replaces every clientSecret value found anywhere in {@code body} by [redacted]. */
    static String scrub(String message, String body) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (JacksonException | RuntimeException e) {
            return message;
        }
        List<String> secrets = new ArrayList<>();
        collectSecrets(tree, secrets);
        String result = message;
        for (String secret : secrets) {
            if (secret.length() >= 4) {
                result = result.replace(secret, "[redacted]");
            }
        }
        return result;
    }

    private static void collectSecrets(JsonNode node, List<String> into) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("clientSecret") && e.getValue().isTextual()) {
                    into.add(e.getValue().textValue());
                }
                collectSecrets(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectSecrets(child, into));
        }
    }

    private static ConnectorRequest read(String body) {
        if (body == null || body.isBlank()) {
            throw KeywayException.invalid("request body is empty; expected a JSON object");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw KeywayException.invalid("request body is larger than 64 KiB");
        }
        try {
            ConnectorRequest request = READER.readValue(body);
            if (request == null) {
                throw KeywayException.invalid("request body must be a JSON object");
            }
            return request;
        } catch (JacksonException e) {
            // Jackson's own messages may quote the input (a secret, perhaps): say it in our words, and
            // drop the exception so no stack trace carries it either.
            throw KeywayException.invalid(describe(e));
        }
    }

    static String describe(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return "request body is nested too deeply or too large";
            }
            if (t instanceof StreamReadException read) {
                String original = read.getOriginalMessage() == null ? "" : read.getOriginalMessage();
                if (original.startsWith("Duplicate field '") && original.endsWith("'")) {
                    String name = original.substring("Duplicate field '".length(), original.length() - 1);
                    String at = e instanceof JsonMappingException m ? path(m.getPath()) : "";
                    return prefix(at) + "duplicate field" + quoted(name);
                }
                return "request body is not valid JSON" + where(read.getLocation());
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return prefix(parentPath(u.getPath())) + "unknown field" + quoted(u.getPropertyName());
        }
        if (e instanceof MismatchedInputException mi && mi.getOriginalMessage() != null
                && mi.getOriginalMessage().startsWith("Trailing token")) {
            return "request body is not valid JSON: nothing may follow the object";
        }
        if (e instanceof JsonMappingException m) {
            String path = path(m.getPath());
            if (path.isEmpty()) {
                return "request body must be a JSON object";
            }
            Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            return path + ": " + expected(target);
        }
        return "request body is not valid JSON";
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "wrong type";
        }
        if (target == String.class) {
            return "expected a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "expected true or false";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "expected an array";
        }
        return "expected an object";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        String joined = refs.stream()
                .map(r -> r.getFieldName() != null ? "." + safe(r.getFieldName()) : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static String parentPath(List<JsonMappingException.Reference> refs) {
        return refs.isEmpty() ? "" : path(refs.subList(0, refs.size() - 1));
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String quoted(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() ? " '" + name + "'" : "";
    }

    private static String safe(String name) {
        return SAFE_NAME.matcher(name).matches() ? name : "?";
    }

    /** The shared configuration, made strict about types: "scopes": "read" or "pkce": "yes" is an error. */
    private static ObjectReader strictReader() {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper.readerFor(ConnectorRequest.class).with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
