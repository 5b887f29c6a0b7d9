package dev.keyway.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One auth-log entry: what happened to which app's account or settings. {@code details} holds
 * only non-secret values (ids, codes, scopes); callers never put a credential there.
 */
public record AuthEvent(
        String id,
        String appId,
        String type,
        Instant occurredAt,
        String linkedAccountId,
        String endUserId,
        String connector,
        String actor,
        Map<String, String> details) {

    public AuthEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
