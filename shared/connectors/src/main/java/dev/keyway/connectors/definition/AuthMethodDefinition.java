package dev.keyway.connectors.definition;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.FieldLabels;
import dev.keyway.connectors.catalog.Injection;
import dev.keyway.connectors.catalog.OAuth2Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One auth method of a connector, without its client secret (that is kept apart, encrypted).
 *
 * @param scopes              the scopes asked for (OAuth types); the catalog's defaults when the app gave none
 * @param authorizationParams extra authorization-request parameters, laid over the catalog's
 * @param oauth2              the protocol settings of a custom provider; null for catalog providers, whose
 *                            settings come from the catalog (see {@link ConnectorDefinition#oauth2})
 * @param inject              where the credential goes, defaults already applied
 * @param labels              what the connection form shows (API_KEY, BASIC); may be null
 */
public record AuthMethodDefinition(
        String id,
        AuthType type,
        String clientId,
        List<String> scopes,
        Map<String, String> authorizationParams,
        OAuth2Settings oauth2,
        Injection inject,
        FieldLabels labels) {

    public AuthMethodDefinition {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        authorizationParams = authorizationParams == null || authorizationParams.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(authorizationParams));
    }
}
