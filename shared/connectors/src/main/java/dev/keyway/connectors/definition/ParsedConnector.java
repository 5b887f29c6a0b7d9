package dev.keyway.connectors.definition;

import java.util.Map;
import java.util.TreeMap;

/**
 * A validated connector PUT body: the non-secret definition, and the client secrets it carried kept
 * apart so the caller encrypts them before anything is stored. An auth method whose secret was
 * omitted (to keep the stored one) has no entry. {@code toString} never shows a secret.
 */
public record ParsedConnector(ConnectorDefinition definition, Map<String, String> clientSecretsByAuthMethodId) {

    public ParsedConnector {
        clientSecretsByAuthMethodId = Map.copyOf(clientSecretsByAuthMethodId);
    }

    @Override
    public String toString() {
        return "ParsedConnector[definition=" + definition + ", clientSecretsByAuthMethodId="
                + new TreeMap<>(clientSecretsByAuthMethodId).keySet() + " (values redacted)]";
    }
}
