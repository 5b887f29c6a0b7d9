package dev.keyway.connect;

import dev.keyway.connect.session.ConnectSession;
import dev.keyway.connectors.ConnectorCache;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.StoredConnector;
import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.FieldLabels;
import dev.keyway.connectors.catalog.Provider;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.connectors.definition.ConnectorDefinition;
import dev.keyway.linkedaccounts.LinkedAccountResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What a connect session can connect: the connectors it allows, how each looks, its auth
 * methods, and the fields each method asks of the end user. Shared by the portal pages and the
 * portal's JSON API, so both always offer the same thing.
 */
@Singleton
public final class ConnectOptions {
    /** The portal shows at most this many connectors (an app with more should pass allowedConnectors). */
    static final int MAX_LISTED = 100;

    public record Choice(ConnectorDefinition connector, String displayName, String color, String description,
                         List<Method> methods) {
        public Optional<Method> method(String id) {
            return methods.stream().filter(m -> m.id().equals(id)).findFirst();
        }
    }

    /**
     * One auth method as the end user sees it.
     *
     * @param fields           what the form asks: credential fields and connection-config values, in that order
     * @param authorizationUrl the OAuth authorization endpoint (may hold placeholders); null for other types
     */
    public record Method(String id, AuthType type, String label, List<Field> fields, boolean verifiable,
                         String authorizationUrl) {
        public List<Field> configFields() {
            return fields.stream().filter(Field::config).toList();
        }
    }

    /**
     * A form field. Credential fields are named as in the import shape (apiKey, username, password,
     * clientId, clientSecret); connection-config fields by their config name with {@code config}
     * set, and their anchored pattern for server-side checking. A CUSTOM auth method's fields are
     * named by its schema and carry their {@code type} (string, secret, number, boolean, pem, json);
     * the fixed credential fields have no type.
     */
    public record Field(String name, String label, String help, boolean secret, boolean config, String pattern,
                        String example, String defaultValue, String type, boolean required) {
        Field(String name, String label, String help, boolean secret, boolean config, String pattern,
              String example, String defaultValue) {
            this(name, label, help, secret, config, pattern, example, defaultValue, null, true);
        }
    }

    private final ConnectorCache connectors;
    private final ConnectorRepository repository;
    private final ProviderCatalog catalog;
    private final LinkedAccountResolver resolver;

    @Inject
    public ConnectOptions(ConnectorCache connectors, ConnectorRepository repository, ProviderCatalog catalog,
                          LinkedAccountResolver resolver) {
        this.connectors = connectors;
        this.repository = repository;
        this.catalog = catalog;
        this.resolver = resolver;
    }

    /** Every connector the session allows, in the order the app listed them (or by key). */
    public List<Choice> forSession(ConnectSession session) {
        List<Choice> out = new ArrayList<>();
        if (!session.allowedConnectors().isEmpty()) {
            session.allowedConnectors().forEach(key -> find(session, key).ifPresent(out::add));
            return out;
        }
        String cursor = null;
        do {
            var page = repository.list(session.appId(), cursor, MAX_LISTED);
            page.items().stream().map(StoredConnector::definition).map(this::choice).forEach(out::add);
            cursor = page.nextCursor();
        } while (cursor != null && out.size() < MAX_LISTED);
        return out.size() > MAX_LISTED ? out.subList(0, MAX_LISTED) : out;
    }

    /** One connector, if the session allows it and the app still has it. */
    public Optional<Choice> find(ConnectSession session, String connectorKey) {
        if (!session.allows(connectorKey)) {
            return Optional.empty();
        }
        return connectors.find(session.appId(), connectorKey).map(this::choice);
    }

    private Choice choice(ConnectorDefinition connector) {
        Optional<Provider> provider = connector.customProvider() ? Optional.empty() : catalog.find(connector.provider());
        String color = provider.map(Provider::color).orElse(null);
        String description = provider.map(p -> String.join(" · ", p.categories().stream()
                .map(ConnectOptions::words).toList())).orElse(null);
        List<Method> methods = connector.authMethods().stream().map(m -> method(connector, provider, m)).toList();
        return new Choice(connector, connector.displayName(), color, description, methods);
    }

    private Method method(ConnectorDefinition connector, Optional<Provider> provider, AuthMethodDefinition m) {
        List<Field> fields = new ArrayList<>(credentialFields(m));
        resolver.userInputFields(connector, m.type()).forEach(f -> fields.add(new Field(f.name(), f.label(), f.help(),
                false, true, f.pattern(), f.example(), f.defaultValue())));
        boolean verifiable = (m.type() == AuthType.API_KEY || m.type() == AuthType.BASIC || m.type() == AuthType.MTLS)
                && connector.verification(catalog).isPresent() || m.type() == AuthType.CUSTOM && m.check() != null;
        String authorizationUrl = m.type() == AuthType.OAUTH2
                ? connector.oauth2(m.id(), catalog).map(o -> o.authorizationUrl()).orElse(null) : null;
        return new Method(m.id(), m.type(), label(connector, m), fields, verifiable, authorizationUrl);
    }

    private static List<Field> credentialFields(AuthMethodDefinition m) {
        FieldLabels labels = m.labels() == null ? new FieldLabels(null, null, null, null) : m.labels();
        return switch (m.type()) {
            case OAUTH2 -> List.of();
            case API_KEY -> List.of(new Field("apiKey", or(labels.apiKey(), "API key"), labels.help(), true, false,
                    null, null, null));
            case BASIC -> List.of(
                    new Field("username", or(labels.username(), "Username"), labels.help(), false, false, null, null, null),
                    new Field("password", or(labels.password(), "Password"), null, true, false, null, null, null));
            case OAUTH2_CLIENT_CREDENTIALS -> List.of(
                    new Field("clientId", "Client ID", labels.help(), false, false, null, null, null),
                    new Field("clientSecret", "Client secret", null, true, false, null, null, null));
            case JWT_BEARER -> List.of(
                    new Field("issuer", "Client ID or service-account e-mail", labels.help(), false, false, null, null,
                            null, "string", true),
                    new Field("subject", "User (if the key acts for one)", null, false, false, null, null, null,
                            "string", false),
                    new Field("privateKey", "Private key (PEM)", null, true, false, null, null, null, "pem", true));
            case MTLS -> List.of(
                    new Field("certificate", "Client certificate (PEM)", labels.help(), false, false, null, null, null,
                            "pem", true),
                    new Field("privateKey", "Private key (PEM)", null, true, false, null, null, null, "pem", true),
                    new Field("trustedCa", "Server CA certificate (PEM, if private)", null, false, false, null, null,
                            null, "pem", false));
            case CUSTOM -> m.fields().stream().map(f -> new Field(f.name(), f.label(), f.help(), f.secret(), false,
                    f.pattern(), null, null, f.type().wire(), f.required())).toList();
        };
    }

    private static String label(ConnectorDefinition connector, AuthMethodDefinition m) {
        return switch (m.type()) {
            case OAUTH2 -> "Sign in with " + connector.displayName();
            case API_KEY -> m.labels() != null && m.labels().apiKey() != null ? m.labels().apiKey() : "API key";
            case BASIC -> "Username and password";
            case OAUTH2_CLIENT_CREDENTIALS -> "Client ID and secret";
            case CUSTOM -> "Connection details";
            case JWT_BEARER -> "Service account key";
            case MTLS -> "Client certificate";
        };
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String words(String category) {
        String spaced = category.replace('-', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
