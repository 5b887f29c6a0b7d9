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
        List<AuthMethodView> authMethods,
        dev.keyway.connectors.catalog.Verification verification) {

    public record AuthMethodView(
            String id,
            AuthType type,
            String clientId,
            boolean clientSecretSet,
            List<String> scopes,
            Map<String, String> authorizationParams,
            OAuth2Settings oauth2,
            Injection inject,
            FieldLabels labels,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            List<dev.keyway.connectors.catalog.CredentialField> fields,
            dev.keyway.connectors.catalog.CredentialCheck check,
            String redirectUri) {
    }

    /**
     * For OAUTH2: the one redirect URI to register with the provider, {@code <public URL>/oauth/callback}.
     * Null when the public URL is not configured (or for other auth types).
     */
    static String redirectUri(AuthType type) {
        if (type != AuthType.OAUTH2) {
            return null;
        }
        return dev.keyway.core.KeywayConfig.setting(dev.keyway.core.KeywayConfig.PUBLIC_URL)
                .map(url -> (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/oauth/callback")
                .orElse(null);
    }

    public static ConnectorView of(ConnectorDefinition d, Set<String> authMethodsWithClientSecret) {
        List<AuthMethodView> methods = d.authMethods().stream()
                .map(m -> new AuthMethodView(m.id(), m.type(), m.clientId(),
                        authMethodsWithClientSecret.contains(m.id()), m.scopes(), m.authorizationParams(),
                        m.oauth2(), m.inject(), m.labels(), m.fields(), m.check(), redirectUri(m.type())))
                .toList();
        return new ConnectorView(d.key(), d.provider(), d.displayName(), d.baseUrl(), d.connectionConfig(), methods,
                d.verification());
    }
}
