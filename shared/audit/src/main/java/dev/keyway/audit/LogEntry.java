package dev.keyway.audit;

import java.util.Map;

/** One auth-log entry as {@code GET /v1/logs} returns it; absent ids are left out. */
public record LogEntry(
        String id,
        String type,
        String occurredAt,
        String linkedAccountId,
        String endUserId,
        String connector,
        String actor,
        Map<String, String> details) {

    static LogEntry of(AuthEvent event) {
        return new LogEntry(event.id(), event.type(), event.occurredAt().toString(), event.linkedAccountId(),
                event.endUserId(), event.connector(), event.actor(), event.details());
    }
}
