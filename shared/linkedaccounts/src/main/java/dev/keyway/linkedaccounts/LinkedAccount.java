package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.AuthType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A linked account's non-secret part: who, which connector and auth method, its health and
 * metadata. This is all that ever leaves Keyway through the API or an event.
 *
 * @param externalRef the app's own reference from an import ("" when none was given)
 * @param expiresAt   when the access token expires; null when the provider did not say
 */
public record LinkedAccount(
        String id,
        String appId,
        String connector,
        String authMethod,
        AuthType authType,
        String endUserId,
        String externalRef,
        LinkedAccountStatus status,
        String statusReason,
        List<String> scopes,
        Instant expiresAt,
        Instant lastRefreshedAt,
        Instant lastUsedAt,
        Map<String, String> connectionConfig,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public LinkedAccount {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        connectionConfig = connectionConfig == null ? Map.of() : Map.copyOf(connectionConfig);
        externalRef = externalRef == null ? "" : externalRef;
    }
}
