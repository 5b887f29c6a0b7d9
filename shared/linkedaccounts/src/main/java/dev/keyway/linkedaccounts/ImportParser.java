package dev.keyway.linkedaccounts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.keyway.connectors.ConnectorCache;
import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.ConfigSource;
import dev.keyway.connectors.catalog.ConnectionConfigField;
import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.connectors.definition.ConnectorDefinition;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Validates an import against the app's connector. Every error is a 400 whose message starts
 * with the field's path and never repeats a submitted value (it may be a credential).
 */
@Singleton
final class ImportParser {
    static final int MAX_ID = 256;
    static final int MAX_SECRET = 8 * 1024;
    static final int MAX_CONFIG_VALUE = 512;
    static final int MAX_SCOPES = 200;
    /** One DNS label: the safe default for a value substituted into a URL's host. */
    static final String DEFAULT_CONFIG_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";
    private static final Map<AuthType, Set<String>> FIELDS = Map.of(
            AuthType.OAUTH2, Set.of("accessToken", "refreshToken", "expiresAt", "expiresIn", "scopes", "tokenType", "raw"),
            AuthType.API_KEY, Set.of("apiKey"),
            AuthType.BASIC, Set.of("username", "password"),
            AuthType.OAUTH2_CLIENT_CREDENTIALS,
            Set.of("clientId", "clientSecret", "accessToken", "expiresAt", "expiresIn", "scopes", "tokenType", "raw"),
            AuthType.JWT_BEARER, Set.of("privateKey", "issuer", "subject", "keyId", "serviceAccountKey"),
            AuthType.MTLS, Set.of("certificate", "privateKey", "trustedCa"));

    private final ConnectorCache connectors;
    private final LinkedAccountResolver resolver;
    private final Clock clock;

    @Inject
    ImportParser(ConnectorCache connectors, LinkedAccountResolver resolver, Clock clock) {
        this.connectors = connectors;
        this.resolver = resolver;
        this.clock = clock;
    }

    ImportRequest read(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid(path.isEmpty() ? "body" : path, "must be a JSON object");
        }
        try {
            return Json.mapper().treeToValue(node, ImportRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(join(path, e.getPropertyName()), "unknown field");
        } catch (JacksonException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            throw invalid(field == null ? path : join(path, field), "has the wrong type");
        }
    }

    ImportCommand validate(String appId, ImportRequest request, String path) {
        String connectorKey = required(request.connector(), join(path, "connector"), 64);
        ConnectorDefinition connector = connectors.find(appId, connectorKey)
                .orElseThrow(() -> invalid(join(path, "connector"), "no connector '" + connectorKey + "' in this app"));
        String methodId = required(request.authMethod(), join(path, "authMethod"), 32);
        AuthMethodDefinition method = connector.authMethod(methodId)
                .orElseThrow(() -> invalid(join(path, "authMethod"),
                        "connector '" + connectorKey + "' has no auth method '" + methodId + "'"));
        String endUserId = required(request.endUserId(), join(path, "endUserId"), MAX_ID);
        String externalRef = request.externalRef() == null ? "" : request.externalRef();
        if (externalRef.length() > MAX_ID) {
            throw invalid(join(path, "externalRef"), "at most " + MAX_ID + " characters");
        }
        String credentialsPath = join(path, "credentials");
        JsonNode credentials = request.credentials();
        if (credentials == null || !credentials.isObject()) {
            throw invalid(credentialsPath, "required: an object with the " + method.type() + " credential fields");
        }
        CustomFields.Values custom = method.type() == AuthType.CUSTOM
                ? CustomFields.read(method.fields(), credentials, credentialsPath) : null;
        if (custom == null) {
            checkFields(credentials, FIELDS.get(method.type()), credentialsPath);
        }
        Map<String, String> config = new LinkedHashMap<>(request.connectionConfig() == null ? Map.of() : request.connectionConfig());
        List<ConnectionConfigField> fields = resolver.connectionConfigFields(connector);
        addFromRaw(credentials, fields, config);
        List<ConnectionConfigField> asked = resolver.userInputFields(connector, method.type());
        asked.stream().filter(f -> f.defaultValue() != null).forEach(f -> config.putIfAbsent(f.name(), f.defaultValue()));
        checkConnectionConfig(connector, asked, fields, config, join(path, "connectionConfig"));
        if (custom != null) {
            // Checked against the schema already; added after the connector-level check, which knows only its own fields.
            config.putAll(custom.config());
            return new ImportCommand(connector, method, endUserId, externalRef, custom.credentials(), null, List.of(),
                    config, Boolean.TRUE.equals(request.verify()));
        }
        return new ImportCommand(connector, method, endUserId, externalRef,
                credentials(method.type(), credentials, credentialsPath),
                expiresAt(credentials, credentialsPath), scopes(credentials, credentialsPath), config,
                Boolean.TRUE.equals(request.verify()));
    }

    private Credentials credentials(AuthType type, JsonNode c, String path) {
        return switch (type) {
            case OAUTH2 -> new Credentials.OAuth2(secret(c, "accessToken", path, true), secret(c, "refreshToken", path, false));
            case API_KEY -> new Credentials.ApiKey(secret(c, "apiKey", path, true));
            case BASIC -> new Credentials.Basic(secret(c, "username", path, true), secret(c, "password", path, true));
            case OAUTH2_CLIENT_CREDENTIALS -> new Credentials.ClientCredentials(secret(c, "clientId", path, true),
                    secret(c, "clientSecret", path, true), secret(c, "accessToken", path, false));
            case CUSTOM -> throw new IllegalStateException("CUSTOM credentials are read by CustomFields");
            case JWT_BEARER -> ServiceAccountKeys.read(c, path);
            case MTLS -> clientCertificate(new Credentials.ClientCertificate(secret(c, "certificate", path, true),
                    secret(c, "privateKey", path, true), secret(c, "trustedCa", path, false)), path);
        };
    }

    /** The certificate and key must load (and belong together) before anything is stored. */
    private static Credentials.ClientCertificate clientCertificate(Credentials.ClientCertificate c, String path) {
        try {
            dev.keyway.upstream.ClientTls.check(new dev.keyway.upstream.UpstreamCredential.Secret.ClientCertificate(
                    c.certificate(), c.privateKey(), c.trustedCa()));
        } catch (KeywayException e) {
            throw invalid(path, e.getMessage());
        }
        return c;
    }

    private Instant expiresAt(JsonNode c, String path) {
        JsonNode at = c.get("expiresAt");
        JsonNode in = c.get("expiresIn");
        if (at != null && !at.isNull() && in != null && !in.isNull()) {
            throw invalid(join(path, "expiresAt"), "give expiresAt or expiresIn, not both");
        }
        if (in != null && !in.isNull()) {
            if (!in.canConvertToLong() || !in.isIntegralNumber() || in.asLong() <= 0 || in.asLong() > 10L * 365 * 86400) {
                throw invalid(join(path, "expiresIn"), "a positive number of seconds");
            }
            return clock.instant().plusSeconds(in.asLong());
        }
        if (at == null || at.isNull()) {
            return null;
        }
        if (at.isIntegralNumber()) {
            return Instant.ofEpochSecond(at.asLong());
        }
        if (at.isTextual()) {
            try {
                return Instant.parse(at.asText());
            } catch (DateTimeParseException e) {
                throw invalid(join(path, "expiresAt"), "an ISO-8601 instant such as 2026-12-01T10:00:00Z, or epoch seconds");
            }
        }
        throw invalid(join(path, "expiresAt"), "an ISO-8601 instant or epoch seconds");
    }

    private static List<String> scopes(JsonNode c, String path) {
        JsonNode scopes = c.get("scopes");
        if (scopes == null || scopes.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (scopes.isTextual()) {
            Arrays.stream(scopes.asText().split("[ ,]+")).filter(s -> !s.isBlank()).forEach(out::add);
        } else if (scopes.isArray()) {
            for (JsonNode scope : scopes) {
                if (!scope.isTextual() || scope.asText().isBlank() || scope.asText().length() > 256) {
                    throw invalid(join(path, "scopes"), "a list of non-empty strings");
                }
                out.add(scope.asText());
            }
        } else {
            throw invalid(join(path, "scopes"), "a list of strings or a space-separated string");
        }
        if (out.size() > MAX_SCOPES) {
            throw invalid(join(path, "scopes"), "at most " + MAX_SCOPES);
        }
        return List.copyOf(out);
    }

    /** Token-response fields the connector declares (e.g. Salesforce's instance_url) become connection config. */
    private static void addFromRaw(JsonNode c, List<ConnectionConfigField> fields, Map<String, String> config) {
        JsonNode raw = c.get("raw");
        if (raw == null || !raw.isObject()) {
            return;
        }
        for (ConnectionConfigField field : fields) {
            JsonNode value = raw.get(field.name());
            if (field.source() == ConfigSource.TOKEN_RESPONSE && value != null && value.isTextual()) {
                config.putIfAbsent(field.name(), value.asText());
            }
        }
    }

    /** {@code asked}: the user-input fields this auth method needs (defaults already filled in). */
    private static void checkConnectionConfig(ConnectorDefinition connector, List<ConnectionConfigField> asked,
                                              List<ConnectionConfigField> fields, Map<String, String> config, String path) {
        Map<String, ConnectionConfigField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        for (var entry : config.entrySet()) {
            ConnectionConfigField field = byName.get(entry.getKey());
            if (field == null) {
                throw invalid(join(path, entry.getKey()), "unknown field; the connector declares " + byName.keySet());
            }
            String value = entry.getValue();
            String pattern = field.pattern() == null ? DEFAULT_CONFIG_PATTERN : field.pattern();
            if (value == null || value.length() > MAX_CONFIG_VALUE || !Pattern.compile(pattern).matcher(value).matches()) {
                throw invalid(join(path, entry.getKey()), "must match " + pattern);
            }
        }
        String baseUrl = connector.customProvider() ? connector.baseUrl() : null;
        for (String needed : Placeholders.names(baseUrl)) {
            if (!config.containsKey(needed)) {
                throw invalid(join(path, needed), "required: the connector's URL uses {" + needed + "}");
            }
        }
        for (ConnectionConfigField field : asked) {
            if (!connector.customProvider() && !config.containsKey(field.name())) {
                throw invalid(join(path, field.name()), "required by provider '" + connector.provider() + "'");
            }
        }
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(join(path, name), "unknown field; expected some of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String secret(JsonNode c, String name, String path, boolean required) {
        JsonNode value = c.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(join(path, name), "required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(join(path, name), "must be a string");
        }
        String text = value.asText();
        if (required && text.isEmpty()) {
            throw invalid(join(path, name), "must not be empty");
        }
        if (text.length() > MAX_SECRET) {
            throw invalid(join(path, name), "at most " + MAX_SECRET + " characters");
        }
        return text;
    }

    private static String required(String value, String path, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(path, "required");
        }
        if (value.length() > max) {
            throw invalid(path, "at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(path, "must not contain control characters");
            }
        }
        return value;
    }

    static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    static KeywayException invalid(String path, String message) {
        return KeywayException.invalid(path + ": " + message);
    }
}
