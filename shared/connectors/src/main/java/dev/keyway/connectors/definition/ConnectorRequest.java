package dev.keyway.connectors.definition;

import java.util.List;
import java.util.Map;

/**
 * The PUT /v1/connectors/{connectorKey} body as written, before validation. Scalars are read as
 * strings so the validator, not Jackson, phrases what is wrong with a value.
 */
record ConnectorRequest(
        String provider,
        String displayName,
        String baseUrl,
        List<ConfigField> connectionConfig,
        List<AuthMethod> authMethods,
        dev.keyway.connectors.catalog.Verification verification) {

    record ConfigField(String name, String label, String help, String pattern) {
    }

    record AuthMethod(
            String id,
            String type,
            String clientId,
            String clientSecret,
            List<String> scopes,
            String authorizationUrl,
            String tokenUrl,
            String revocationUrl,
            String scopeSeparator,
            Boolean pkce,
            String tokenEndpointAuth,
            Map<String, String> authorizationParams,
            Inject inject,
            Labels labels,
            List<Field> fields,
            Check check,
            String assertionAudience) {

        /** Never print the secret, whoever calls toString. */
        @Override
        public String toString() {
            return "AuthMethod[id=" + id + ", type=" + type + ", clientSecret=" + (clientSecret == null ? "absent" : "redacted") + "]";
        }
    }

    record Inject(String in, String name, String prefix) {
    }

    /** A CUSTOM auth method's schema field; {@code required} defaults to true. */
    record Field(String name, String label, String type, Boolean required, String pattern, String help) {
    }

    record Check(String type, String url, String host, String port) {
    }

    record Labels(String apiKey, String username, String password, String help) {
    }
}
