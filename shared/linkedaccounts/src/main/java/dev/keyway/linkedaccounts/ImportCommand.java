package dev.keyway.linkedaccounts;

import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.connectors.definition.ConnectorDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A validated import: what to store, and whether to ask the provider first. */
record ImportCommand(
        ConnectorDefinition connector,
        AuthMethodDefinition authMethod,
        String endUserId,
        String externalRef,
        Credentials credentials,
        Instant expiresAt,
        List<String> scopes,
        Map<String, String> connectionConfig,
        boolean verify) {

    @Override
    public String toString() {
        return "ImportCommand[" + connector.key() + "/" + authMethod.id() + ", endUserId=" + endUserId + "]";
    }
}
