package dev.keyway.connectors.definition;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.ConfigSource;
import dev.keyway.connectors.catalog.ConnectionConfigField;
import dev.keyway.connectors.catalog.FieldLabels;
import dev.keyway.connectors.catalog.Injection;
import dev.keyway.connectors.catalog.OAuth2Rules;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.Provider;
import dev.keyway.connectors.catalog.ProviderAuthMethod;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.catalog.TokenEndpointAuth;
import dev.keyway.connectors.catalog.TokenExpiry;
import dev.keyway.connectors.catalog.UrlRules;
import dev.keyway.core.KeywayException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The rules of a connector definition. Stops at the first problem and throws it; messages start
 * with the field path and never repeat a value that could be secret (URLs, ids of clients, secrets).
 */
final class DefinitionValidator {
    static final Pattern CONNECTOR_KEY = ProviderCatalog.KEY;
    static final Pattern AUTH_METHOD_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,31}$");
    static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,31}$");
    private static final Pattern TYPE_WORD = Pattern.compile("^[A-Z0-9_]{1,40}$");
    /** A single DNS label: what a custom field holds unless the connector says otherwise. */
    static final String DEFAULT_FIELD_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,62}$";
    static final int MAX_AUTH_METHODS = 10;
    static final int MAX_CONFIG_FIELDS = 10;
    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_CLIENT_ID = 512;
    static final int MAX_CLIENT_SECRET = 4096;
    static final int MAX_PATTERN = 200;

    private final ProviderCatalog catalog;
    private final boolean localMode;
    private final Set<String> storedSecrets;

    DefinitionValidator(ProviderCatalog catalog, boolean localMode, Set<String> authMethodsWithStoredSecret) {
        this.catalog = catalog;
        this.localMode = localMode;
        this.storedSecrets = authMethodsWithStoredSecret == null ? Set.of() : Set.copyOf(authMethodsWithStoredSecret);
    }

    static void checkKey(String connectorKey) {
        if (connectorKey == null || !CONNECTOR_KEY.matcher(connectorKey).matches()) {
            throw invalid("connectorKey", "must match " + CONNECTOR_KEY.pattern());
        }
    }

    ParsedConnector validate(String connectorKey, ConnectorRequest r) {
        Provider provider = provider(r.provider());
        boolean custom = provider == null;

        String displayName;
        if (r.displayName() == null) {
            if (custom) {
                throw invalid("displayName", "required for a custom provider");
            }
            displayName = provider.displayName();
        } else {
            displayName = text("displayName", r.displayName(), MAX_DISPLAY_NAME);
        }

        List<ConnectionConfigField> fields = custom ? customFields(r.connectionConfig()) : List.of();
        if (!custom && r.connectionConfig() != null) {
            throw invalid("connectionConfig", fromCatalog(provider));
        }
        Map<String, String> samples = new HashMap<>();
        fields.forEach(f -> samples.put(f.name(), "placeholder"));

        String baseUrl = null;
        if (custom && (r.baseUrl() != null || !CustomMethods.onlyCustom(r.authMethods()))) {
            if (r.baseUrl() == null) {
                throw invalid("baseUrl", "required for a custom provider (only CUSTOM auth methods may go without)");
            }
            baseUrl = url("baseUrl", r.baseUrl(), UrlRules.Options.BASE, samples);
        } else if (r.baseUrl() != null) {
            throw invalid("baseUrl", fromCatalog(provider));
        }

        List<ConnectorRequest.AuthMethod> methods = r.authMethods();
        if (methods == null || methods.isEmpty()) {
            throw invalid("authMethods", "at least one auth method");
        }
        if (methods.size() > MAX_AUTH_METHODS) {
            throw invalid("authMethods", "at most " + MAX_AUTH_METHODS + " auth methods");
        }
        Set<String> ids = new HashSet<>();
        List<AuthMethodDefinition> definitions = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            String at = "authMethods[" + i + "]";
            ConnectorRequest.AuthMethod m = methods.get(i);
            if (m == null) {
                throw invalid(at, "must be an object");
            }
            if (m.id() == null || !AUTH_METHOD_ID.matcher(m.id()).matches()) {
                throw invalid(at + ".id", "required, must match " + AUTH_METHOD_ID.pattern());
            }
            if (!ids.add(m.id())) {
                throw invalid(at + ".id", "duplicate auth method id '" + m.id() + "'");
            }
            AuthMethodDefinition d = authMethod(at, m, provider, samples);
            definitions.add(d);
            if (m.clientSecret() != null) {
                secrets.put(m.id(), m.clientSecret());
            }
        }
        if (r.verification() != null) {
            if (!custom) {
                throw invalid("verification", fromCatalog(provider));
            }
            r.verification().problem().ifPresent(p -> {
                throw invalid("verification." + p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2));
            });
        }
        ConnectorDefinition definition = new ConnectorDefinition(connectorKey,
                custom ? ProviderCatalog.CUSTOM : provider.key(), displayName, baseUrl, fields, definitions,
                custom ? r.verification() : null);
        return new ParsedConnector(definition, secrets);
    }

    private Provider provider(String key) {
        if (key == null) {
            throw invalid("provider", "required: a catalog provider key (GET /v1/providers) or 'custom'");
        }
        if (key.equals(ProviderCatalog.CUSTOM)) {
            return null;
        }
        Optional<Provider> found = CONNECTOR_KEY.matcher(key).matches() ? catalog.find(key) : Optional.empty();
        return found.orElseThrow(() -> invalid("provider", "unknown provider"
                + (CONNECTOR_KEY.matcher(key).matches() ? " '" + key + "'" : "")
                + "; GET /v1/providers lists the catalog, or use 'custom'"));
    }

    private List<ConnectionConfigField> customFields(List<ConnectorRequest.ConfigField> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_CONFIG_FIELDS) {
            throw invalid("connectionConfig", "at most " + MAX_CONFIG_FIELDS + " fields");
        }
        List<ConnectionConfigField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String at = "connectionConfig[" + i + "]";
            ConnectorRequest.ConfigField f = requested.get(i);
            if (f == null) {
                throw invalid(at, "must be an object");
            }
            if (f.name() == null || !FIELD_NAME.matcher(f.name()).matches()) {
                throw invalid(at + ".name", "required, must match " + FIELD_NAME.pattern());
            }
            if (!names.add(f.name())) {
                throw invalid(at + ".name", "duplicate field '" + f.name() + "'");
            }
            String label = f.label() == null ? null : text(at + ".label", f.label(), FieldLabels.MAX_LABEL);
            if (label == null) {
                throw invalid(at + ".label", "required");
            }
            String help = f.help() == null ? null : text(at + ".help", f.help(), FieldLabels.MAX_HELP);
            String pattern = f.pattern() == null ? DEFAULT_FIELD_PATTERN : pattern(at + ".pattern", f.pattern());
            fields.add(new ConnectionConfigField(f.name(), label, help, ConfigSource.USER_INPUT, pattern, null, null, null,
                    null, null));
        }
        return fields;
    }

    private AuthMethodDefinition authMethod(String at, ConnectorRequest.AuthMethod m, Provider provider,
            Map<String, String> samples) {
        AuthType type = type(at + ".type", m.type());
        ProviderAuthMethod fromCatalog = null;
        if (provider != null) {
            fromCatalog = provider.authMethod(type).orElseThrow(() -> invalid(at + ".type", "provider '"
                    + provider.key() + "' does not support " + type + "; it supports "
                    + provider.authMethods().stream().map(a -> a.type().name()).collect(Collectors.joining(", "))));
        }
        return switch (type) {
            case OAUTH2, OAUTH2_CLIENT_CREDENTIALS, JWT_BEARER -> oauthMethod(at, m, type, provider, fromCatalog, samples);
            case API_KEY, BASIC -> keyMethod(at, m, type, provider, fromCatalog);
            case CUSTOM -> new CustomMethods(localMode).validate(at, m, samples.keySet());
            case MTLS -> CustomMethods.mtls(at, m);
        };
    }

    private AuthMethodDefinition oauthMethod(String at, ConnectorRequest.AuthMethod m, AuthType type,
            Provider provider, ProviderAuthMethod fromCatalog, Map<String, String> samples) {
        if (m.labels() != null) {
            throw invalid(at + ".labels", "only for API_KEY and BASIC");
        }
        CustomMethods.noSchema(at, m, type);
        String clientId = null;
        if (type == AuthType.OAUTH2) {
            clientId = clientId(at, m.clientId());
            clientSecret(at, m);
        } else {
            // Each linked account brings its own client id and secret, or its own key (see the import contract).
            String perAccount = type + (type == AuthType.JWT_BEARER ? " takes the private key per linked account"
                    : " takes the client credentials per linked account");
            notUsed(at + ".clientId", m.clientId(), perAccount);
            notUsed(at + ".clientSecret", m.clientSecret(), perAccount);
            notUsed(at + ".authorizationParams", m.authorizationParams(), type + " has no authorization step");
            notUsed(at + ".authorizationUrl", m.authorizationUrl(), type + " has no authorization step");
            notUsed(at + ".pkce", m.pkce(), type + " has no authorization step");
        }

        OAuth2Settings settings = null;
        String separator;
        if (provider == null) {
            settings = customOAuth2(at, m, type, samples);
            separator = settings.scopeSeparator();
        } else {
            String why = fromCatalog(provider);
            notUsed(at + ".authorizationUrl", m.authorizationUrl(), why);
            notUsed(at + ".tokenUrl", m.tokenUrl(), why);
            notUsed(at + ".revocationUrl", m.revocationUrl(), why);
            notUsed(at + ".scopeSeparator", m.scopeSeparator(), why);
            notUsed(at + ".pkce", m.pkce(), why);
            notUsed(at + ".tokenEndpointAuth", m.tokenEndpointAuth(), why);
            notUsed(at + ".assertionAudience", m.assertionAudience(), why);
            separator = fromCatalog.oauth2().scopeSeparator();
        }

        List<String> scopes = m.scopes() != null ? m.scopes()
                : fromCatalog != null ? fromCatalog.oauth2().defaultScopes() : List.of();
        OAuth2Rules.scopesProblem(scopes, separator).ifPresent(p -> {
            throw KeywayException.invalid(at + ".scopes" + p);
        });
        Map<String, String> params = m.authorizationParams() == null ? Map.of() : m.authorizationParams();
        OAuth2Rules.authorizationParamsProblem(params).ifPresent(p -> {
            throw KeywayException.invalid(at + ".authorizationParams" + p);
        });
        Injection inject = inject(at, m.inject(), type, fromCatalog);
        return new AuthMethodDefinition(m.id(), type, clientId, scopes, params, settings, inject, null, null, null);
    }

    private OAuth2Settings customOAuth2(String at, ConnectorRequest.AuthMethod m, AuthType type,
            Map<String, String> samples) {
        String authorizationUrl = null;
        if (type == AuthType.OAUTH2) {
            if (m.authorizationUrl() == null) {
                throw invalid(at + ".authorizationUrl", "required for OAUTH2 on a custom provider");
            }
            authorizationUrl = url(at + ".authorizationUrl", m.authorizationUrl(), UrlRules.Options.ENDPOINT, samples);
        }
        if (m.tokenUrl() == null) {
            throw invalid(at + ".tokenUrl", "required for " + type + " on a custom provider");
        }
        String tokenUrl = url(at + ".tokenUrl", m.tokenUrl(), UrlRules.Options.ENDPOINT, samples);
        String revocationUrl = m.revocationUrl() == null ? null
                : url(at + ".revocationUrl", m.revocationUrl(), UrlRules.Options.ENDPOINT, samples);
        String separator = m.scopeSeparator() == null ? " " : m.scopeSeparator();
        if (!OAuth2Rules.SCOPE_SEPARATORS.contains(separator)) {
            throw invalid(at + ".scopeSeparator", "\" \" or \",\"");
        }
        TokenEndpointAuth auth = TokenEndpointAuth.CLIENT_SECRET_BASIC;
        if (m.tokenEndpointAuth() != null) {
            auth = switch (m.tokenEndpointAuth()) {
                case "client_secret_basic" -> TokenEndpointAuth.CLIENT_SECRET_BASIC;
                case "client_secret_post" -> TokenEndpointAuth.CLIENT_SECRET_POST;
                case "private_key_jwt" -> TokenEndpointAuth.PRIVATE_KEY_JWT;
                default -> throw invalid(at + ".tokenEndpointAuth", "client_secret_basic, client_secret_post or private_key_jwt");
            };
            if ((auth == TokenEndpointAuth.PRIVATE_KEY_JWT) != (type == AuthType.JWT_BEARER)) {
                throw invalid(at + ".tokenEndpointAuth", type == AuthType.JWT_BEARER
                        ? "JWT_BEARER signs with the account's key: private_key_jwt, or leave it out for the jwt-bearer grant"
                        : "private_key_jwt is for JWT_BEARER");
            }
        }
        boolean pkce = type == AuthType.OAUTH2 && (m.pkce() == null || m.pkce());
        // Nothing is known of a custom server's tokens: trust expires_in and use a refresh token if one comes.
        String audience = null;
        if (m.assertionAudience() != null) {
            if (type != AuthType.JWT_BEARER) {
                throw invalid(at + ".assertionAudience", "only for JWT_BEARER");
            }
            audience = text(at + ".assertionAudience", m.assertionAudience(), UrlRules.MAX_LENGTH);
        }
        return new OAuth2Settings(authorizationUrl, tokenUrl, revocationUrl, separator, List.of(), Map.of(), Map.of(),
                pkce, auth, TokenExpiry.CONFIGURABLE, true, null, null, null, audience);
    }

    /** Auth types without a token endpoint take none of the OAuth settings. */
    static void noOAuth(String at, ConnectorRequest.AuthMethod m, String why) {
        notUsed(at + ".clientId", m.clientId(), why);
        notUsed(at + ".clientSecret", m.clientSecret(), why);
        notUsed(at + ".scopes", m.scopes(), why);
        notUsed(at + ".authorizationUrl", m.authorizationUrl(), why);
        notUsed(at + ".tokenUrl", m.tokenUrl(), why);
        notUsed(at + ".revocationUrl", m.revocationUrl(), why);
        notUsed(at + ".scopeSeparator", m.scopeSeparator(), why);
        notUsed(at + ".pkce", m.pkce(), why);
        notUsed(at + ".tokenEndpointAuth", m.tokenEndpointAuth(), why);
        notUsed(at + ".assertionAudience", m.assertionAudience(), why);
        notUsed(at + ".authorizationParams", m.authorizationParams(), why);
    }

    private AuthMethodDefinition keyMethod(String at, ConnectorRequest.AuthMethod m, AuthType type,
            Provider provider, ProviderAuthMethod fromCatalog) {
        noOAuth(at, m, "not used by " + type);
        CustomMethods.noSchema(at, m, type);
        if (provider == null && type == AuthType.API_KEY && m.inject() == null) {
            throw invalid(at + ".inject", "required for API_KEY on a custom provider: say where the key goes, e.g. "
                    + "{\"in\": \"header\", \"name\": \"X-API-Key\"}");
        }
        Injection inject = inject(at, m.inject(), type, fromCatalog);
        FieldLabels labels = labels(at + ".labels", m.labels(), type);
        if (labels == null && fromCatalog != null) {
            labels = fromCatalog.labels();
        }
        return new AuthMethodDefinition(m.id(), type, null, List.of(), Map.of(), null, inject, labels, null, null);
    }

    private Injection inject(String at, ConnectorRequest.Inject requested, AuthType type, ProviderAuthMethod fromCatalog) {
        if (requested == null) {
            return fromCatalog != null ? fromCatalog.defaultInject()
                    : type == AuthType.BASIC ? Injection.BASIC : Injection.BEARER;
        }
        Injection.In in;
        if (requested.in() == null || requested.in().equals("header")) {
            in = Injection.In.HEADER;
        } else if (requested.in().equals("query")) {
            in = Injection.In.QUERY;
        } else {
            throw invalid(at + ".inject.in", "header or query");
        }
        if (type == AuthType.BASIC && in != Injection.In.HEADER) {
            throw invalid(at + ".inject.in", "BASIC credentials go in a header");
        }
        String prefix = requested.prefix() == null && type == AuthType.BASIC ? "Basic " : requested.prefix();
        Injection inject = new Injection(in, requested.name(), prefix, null);
        inject.problem().ifPresent(p -> {
            throw KeywayException.invalid(at + ".inject." + p);
        });
        return inject;
    }

    private FieldLabels labels(String at, ConnectorRequest.Labels l, AuthType type) {
        if (l == null) {
            return null;
        }
        if (type == AuthType.API_KEY) {
            notUsed(at + ".username", l.username(), "not used by API_KEY");
            notUsed(at + ".password", l.password(), "not used by API_KEY");
        } else {
            notUsed(at + ".apiKey", l.apiKey(), "not used by BASIC");
        }
        return new FieldLabels(
                l.apiKey() == null ? null : text(at + ".apiKey", l.apiKey(), FieldLabels.MAX_LABEL),
                l.username() == null ? null : text(at + ".username", l.username(), FieldLabels.MAX_LABEL),
                l.password() == null ? null : text(at + ".password", l.password(), FieldLabels.MAX_LABEL),
                l.help() == null ? null : text(at + ".help", l.help(), FieldLabels.MAX_HELP));
    }

    private String clientId(String at, String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw invalid(at + ".clientId", "required for OAUTH2");
        }
        if (clientId.length() > MAX_CLIENT_ID) {
            throw invalid(at + ".clientId", "at most " + MAX_CLIENT_ID + " characters");
        }
        if (clientId.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid(at + ".clientId", "must not contain spaces or control characters");
        }
        return clientId;
    }

    private void clientSecret(String at, ConnectorRequest.AuthMethod m) {
        String secret = m.clientSecret();
        if (secret == null) {
            if (!storedSecrets.contains(m.id())) {
                throw invalid(at + ".clientSecret", "required for OAUTH2 (omit it only to keep the secret already stored)");
            }
            return;
        }
        if (secret.isBlank()) {
            throw invalid(at + ".clientSecret", "must not be blank");
        }
        if (secret.length() > MAX_CLIENT_SECRET) {
            throw invalid(at + ".clientSecret", "at most " + MAX_CLIENT_SECRET + " characters");
        }
        if (secret.chars().anyMatch(Character::isISOControl)) {
            throw invalid(at + ".clientSecret", "must not contain control characters");
        }
    }

    private AuthType type(String at, String type) {
        if (type == null) {
            throw invalid(at, "required: one of " + Arrays.toString(AuthType.values()));
        }
        return Arrays.stream(AuthType.values()).filter(t -> t.name().equals(type)).findFirst()
                .orElseThrow(() -> invalid(at, "unknown auth type" + (TYPE_WORD.matcher(type).matches() ? " '" + type + "'" : "")
                        + "; one of " + Arrays.toString(AuthType.values())));
    }

    private String url(String at, String url, UrlRules.Options options, Map<String, String> samples) {
        UrlRules.problem(url, options.loopback(localMode), samples, Set.of()).ifPresent(p -> {
            throw invalid(at, p);
        });
        return url;
    }

    static String pattern(String at, String regex) {
        if (regex.length() > MAX_PATTERN || !regex.startsWith("^") || !regex.endsWith("$")) {
            throw invalid(at, "a regular expression anchored with ^ and $, at most " + MAX_PATTERN + " characters");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid(at, "not a valid regular expression");
        }
        return regex;
    }

    static String text(String at, String value, int max) {
        if (value.isBlank()) {
            throw invalid(at, "must not be blank");
        }
        if (value.length() > max) {
            throw invalid(at, "at most " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(at, "must not contain control characters");
        }
        return value.strip();
    }

    static void notUsed(String at, Object value, String why) {
        if (value != null) {
            throw invalid(at, why);
        }
    }

    private static String fromCatalog(Provider provider) {
        return "set by the provider catalog for '" + provider.key() + "'; use provider 'custom' to set your own";
    }

    static KeywayException invalid(String path, String problem) {
        return KeywayException.invalid(path + ": " + problem);
    }
}
