package dev.keyway.functions.auditpublisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.keyway.audit.AuditEvents;
import dev.keyway.audit.AuthEvent;
import dev.keyway.http.Log;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table's stream → the Keyway EventBridge bus. Each INSERT of an auth-log entry becomes one
 * event; other records (other kinds of items, TTL removals) are not ours and count as done.
 * Records not delivered are returned as batch item failures (their sequence numbers), so
 * Lambda retries from the first of them: at least once, duplicates carrying the same eventId.
 */
public final class AuditPublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final AuditEventPublisher publisher;

    public AuditPublisherHandler() {
        this(DaggerAuditPublisherComponent.create().publisher());
    }

    AuditPublisherHandler(AuditEventPublisher publisher) {
        this.publisher = publisher;
    }

    private record Pending(String sequenceNumber, AuthEvent event) {
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<Pending> pending = new ArrayList<>();
        int unreadable = 0;
        for (var record : records) {
            Optional<AuthEvent> authEvent;
            try {
                authEvent = authEvent(record);
            } catch (RuntimeException e) {
                // A malformed entry would fail on every retry and block the shard: log it and move on.
                unreadable++;
                Log.error("auth_event_unreadable", Map.of("sequenceNumber", String.valueOf(sequenceNumber(record)),
                        "exception", e.getClass().getName()));
                continue;
            }
            authEvent.ifPresent(e -> pending.add(new Pending(sequenceNumber(record), e)));
        }
        Set<String> undelivered = publisher.publish(pending.stream().map(Pending::event).toList());
        List<StreamsEventResponse.BatchItemFailure> failures = pending.stream()
                .filter(p -> undelivered.contains(p.event().id()))
                .map(p -> new StreamsEventResponse.BatchItemFailure(p.sequenceNumber()))
                .toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", records.size());
        summary.put("authEvents", pending.size());
        summary.put("published", pending.size() - failures.size());
        summary.put("failed", failures.size());
        summary.put("unreadable", unreadable);
        if (failures.isEmpty()) {
            Log.info("auth_events_published", summary);
        } else {
            Log.warn("auth_events_publish_failed", summary);
        }
        return new StreamsEventResponse(new ArrayList<>(failures));
    }

    private static Optional<AuthEvent> authEvent(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
            return Optional.empty();
        }
        return AuditEvents.fromImage(StreamImages.toSdk(record.getDynamodb().getNewImage()));
    }

    private static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }
}
