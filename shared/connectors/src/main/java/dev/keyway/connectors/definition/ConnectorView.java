package dev.keyway.connectors.definition;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.ConnectionConfigField;
import dev.keyway.connectors.catalog.FieldLabels;
import dev.keyway.connectors.catalog.Injection;
import dev.keyway.connectors.catalog.OAuth2Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connector as the API returns it: the definition, with {@code clientSecretSet} in place of each
 * client secret. The caller says which auth methods have a stored secret.
 */
public record ConnectorView(
        String key,
        String provider,
        String displayName,
        String baseUrl,
        List<ConnectionConfigField> connectionConfig,
        List<AuthMethodView> authMethods) {

    public record AuthMethodView(
            String id,
            AuthType type,
            String clientId,
            boolean clientSecretSet,
            List<String> scopes,
            Map<String, String> authorizationParams,
            OAuth2Settings oauth2,
            Injection inject,
            FieldLabels labels) {
    }

    public static ConnectorView of(ConnectorDefinition d, Set<String> authMethodsWithClientSecret) {
        List<AuthMethodView> methods = d.authMethods().stream()
                .map(m -> new AuthMethodView(m.id(), m.type(), m.clientId(),
                        authMethodsWithClientSecret.contains(m.id()), m.scopes(), m.authorizationParams(),
                        m.oauth2(), m.inject(), m.labels()))
                .toList();
        return new ConnectorView(d.key(), d.provider(), d.displayName(), d.baseUrl(), d.connectionConfig(), methods);
    }
}
