package dev.keyway.linkedaccounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A linked account as the API returns it (the contract's field names); never a credential. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LinkedAccountView(
        String id,
        String connector,
        String authMethod,
        String endUserId,
        String externalRef,
        String status,
        String statusReason,
        List<String> scopes,
        String expiresAt,
        String lastRefreshedAt,
        String lastUsedAt,
        Map<String, String> connectionConfig,
        String createdAt,
        String updatedAt) {

    public static LinkedAccountView of(LinkedAccount a) {
        return new LinkedAccountView(a.id(), a.connector(), a.authMethod(), a.endUserId(),
                a.externalRef().isEmpty() ? null : a.externalRef(), a.status().name(), a.statusReason(), a.scopes(),
                text(a.expiresAt()), text(a.lastRefreshedAt()), text(a.lastUsedAt()), a.connectionConfig(),
                text(a.createdAt()), text(a.updatedAt()));
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }
}
