package dev.keyway.functions.auditpublisher;

import dev.keyway.audit.AuditEvents;
import dev.keyway.audit.AuthEvent;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayConfig;
import dev.keyway.http.Log;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts auth events on the Keyway bus, {@value #MAX_ENTRIES} per PutEvents call (the API's
 * limit), in order. PutEvents can fail per entry ({@code FailedEntryCount}) or as a whole (an
 * exception); either way the events not delivered are returned. After the first failure the
 * rest are not attempted: Lambda retries a stream from the first failed record anyway, so
 * sending them now would only add duplicates.
 */
@Singleton
public final class AuditEventPublisher {
    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient eventBridge;
    private final String eventBus;

    @Inject
    public AuditEventPublisher(EventBridgeClient eventBridge, KeywayConfig config) {
        this(eventBridge, config.eventBusName());
    }

    public AuditEventPublisher(EventBridgeClient eventBridge, String eventBus) {
        this.eventBridge = eventBridge;
        this.eventBus = eventBus;
    }

    /** Publishes {@code events} in order; returns the ids of those not delivered. */
    public Set<String> publish(List<AuthEvent> events) {
        Set<String> undelivered = new LinkedHashSet<>();
        for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
            List<AuthEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_ENTRIES));
            if (!undelivered.isEmpty()) {
                chunk.forEach(e -> undelivered.add(e.id()));
                continue;
            }
            try {
                PutEventsResponse response = eventBridge.putEvents(r -> r.entries(chunk.stream().map(this::entry).toList()));
                if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                    undelivered.addAll(failed(chunk, response.entries()));
                }
            } catch (SdkException e) {
                chunk.forEach(event -> undelivered.add(event.id()));
                Log.warn("put_events_failed", Map.of("eventBus", eventBus, "entries", chunk.size(),
                        "exception", e.getClass().getName()));
            }
        }
        return undelivered;
    }

    PutEventsRequestEntry entry(AuthEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBus)
                .source(AuditEvents.SOURCE)
                .detailType(AuditEvents.detailType(event.type()))
                .detail(Json.write(AuditEvents.detail(event)))
                .time(event.occurredAt())
                .build();
    }

    /** Results come back in request order; an entry with an error code was not delivered. */
    static Set<String> failed(List<AuthEvent> chunk, List<PutEventsResultEntry> results) {
        Set<String> failed = new LinkedHashSet<>();
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null || result.errorCode() != null) {
                failed.add(chunk.get(i).id());
                codes.merge(result == null ? "missing_result" : result.errorCode(), 1, Integer::sum);
            }
        }
        Log.warn("put_events_entries_failed", Map.of("failed", failed.size(), "errorCodes", codes));
        return failed;
    }
}
