package dev.keyway.connectors;

import dev.keyway.connectors.definition.ConnectorDefinition;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A connector as read from the table: its definition, which auth methods have a stored client
 * secret (the ciphertexts stay in {@code item} until trusted code decrypts them), and the
 * version the next write must match.
 */
public record StoredConnector(
        ConnectorDefinition definition,
        Set<String> authMethodsWithSecret,
        long version,
        String createdAt,
        String updatedAt,
        Map<String, AttributeValue> item) {

    @Override
    public String toString() {
        return "StoredConnector[" + definition.key() + ", version=" + version + "]";
    }
}
