package dev.keyway.connectors.definition;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.CredentialCheck;
import dev.keyway.connectors.catalog.CredentialField;
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
 * @param fields              a CUSTOM auth method's field schema; empty for the other types
 * @param check               a CUSTOM auth method's credential check (HTTP or TCP); may be null
 */
public record AuthMethodDefinition(
        String id,
        AuthType type,
        String clientId,
        List<String> scopes,
        Map<String, String> authorizationParams,
        OAuth2Settings oauth2,
        Injection inject,
        FieldLabels labels,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<CredentialField> fields,
        CredentialCheck check) {

    public AuthMethodDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        authorizationParams = authorizationParams == null || authorizationParams.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(authorizationParams));
    }
}
