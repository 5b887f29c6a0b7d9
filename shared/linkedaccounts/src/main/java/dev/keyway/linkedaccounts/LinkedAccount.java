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
 * @param nextDueAt   when the refresh function should next look at it (refresh before expiry, a periodic
 *                    credential check, or a retry after a failure); null when nothing is scheduled
 * @param failures    refresh or check failures in a row (drives the backoff); 0 when healthy
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
        long version,
        Instant nextDueAt,
        int failures) {

    public LinkedAccount {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        connectionConfig = connectionConfig == null ? Map.of() : Map.copyOf(connectionConfig);
        externalRef = externalRef == null ? "" : externalRef;
    }

    /** The same account with another status, due time and failure count (a refresh or check outcome). */
    public LinkedAccount withHealth(LinkedAccountStatus newStatus, String reason, Instant due, int newFailures,
                                    Instant now) {
        return new LinkedAccount(id, appId, connector, authMethod, authType, endUserId, externalRef, newStatus, reason,
                scopes, expiresAt, lastRefreshedAt, lastUsedAt, connectionConfig, createdAt, now, version + 1, due,
                newFailures);
    }

    /** The same account after a successful refresh: new expiry and scopes, healthy, next due time. */
    public LinkedAccount refreshed(Instant newExpiresAt, List<String> newScopes, Instant due, Instant now) {
        return new LinkedAccount(id, appId, connector, authMethod, authType, endUserId, externalRef,
                LinkedAccountStatus.CONNECTED, null, newScopes, newExpiresAt, now, lastUsedAt, connectionConfig,
                createdAt, now, version + 1, due, 0);
    }
}
