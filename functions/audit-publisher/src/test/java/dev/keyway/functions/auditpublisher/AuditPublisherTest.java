package dev.keyway.functions.auditpublisher;

import static dev.keyway.storage.Attrs.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.audit.AuditEvents;
import dev.keyway.audit.AuthEvent;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Ids;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The publisher end to end on the local endpoint: entries written in transactions, the records
 * read back from the table's real stream, the handler run on them, and what reaches the bus
 * captured through a rule whose target is an SQS queue.
 */
@ExtendWith(LocalAwsExtension.class)
class AuditPublisherTest {
    private static final String CANARY = "CANARY-secret-" + java.util.UUID.randomUUID();

    private static LocalAws aws;
    private static KeywayTable table;
    private static AuthLog authLog;
    private static StreamFixture stream;
    private static AuditPublisherHandler handler;

    @BeforeAll
    static void setUp(LocalAws localAws) {
        aws = localAws;
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        authLog = new AuthLog(table, Clock.systemUTC());
        stream = new StreamFixture(aws);
        handler = new AuditPublisherHandler(); // the Dagger graph Lambda builds, on the stack's settings
    }

    @AfterAll
    static void tearDown() {
        stream.close();
    }

    /** {@code n} entries of the app, written as services write them: in transactions with other items. */
    private static List<AuthEvent> writeEntries(String appId, int n) {
        String[] types = AuditEvents.detailTypes().keySet().stream().sorted().toArray(String[]::new);
        List<AuthEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var builder = authLog.event(appId, types[i % types.length]).actor("key_test").detail("n", Integer.toString(i));
            if (types[i % types.length].startsWith("linked_account.")) {
                builder.linkedAccount(Ids.newId("la"), "u-" + i).connector("acme-crm");
            }
            events.add(builder.build());
        }
        for (int from = 0; from < n; from += 5) {
            Transactions.write(table, events.subList(from, Math.min(n, from + 5)).stream().map(authLog::entry).toList());
        }
        return events;
    }

    private static List<Record> recordsOf(String appId) {
        // By key, so that removals (no new image) are found too.
        return stream.records(r -> Set.of("LOG#" + appId, "APP#" + appId).contains(r.dynamodb().keys().get("pk").s()));
    }

    private static Set<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
    }

    @Test
    void everyStoredEntry_reachesTheBusOnce_withItsDetailTypeAndEventId_andNoSecret() {
        String appId = Ids.newId("app");
        try (var bus = new BusCapture(aws, appId)) {
            List<AuthEvent> written = writeEntries(appId, 23); // three PutEvents calls
            // An item of another kind in the same app, holding a secret, lands in the same stream.
            table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(Map.of(
                    "pk", s("APP#" + appId), "sk", s("CONNECTOR#crm"), "kind", s("connector"), "appId", s(appId),
                    "secrets", AttributeValue.fromM(Map.of("clientSecret/oauth", s(CANARY))))).build());
            List<Record> records = recordsOf(appId);
            assertThat(records).hasSize(24);

            StreamsEventResponse response = handler.handleRequest(stream.event(records), null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            List<JsonNode> events = bus.await(written.size(), Duration.ofSeconds(10));
            events = bus.drain();
            assertThat(events).hasSize(written.size());
            Map<String, JsonNode> byEventId = events.stream()
                    .collect(Collectors.toMap(e -> e.at("/detail/eventId").asText(), e -> e));
            for (AuthEvent event : written) {
                JsonNode published = byEventId.get(event.id());
                assertThat(published).as("event %s published", event.id()).isNotNull();
                assertThat(published.get("source").asText()).isEqualTo("keyway");
                assertThat(published.get("detail-type").asText()).isEqualTo(AuditEvents.detailType(event.type()));
                assertThat(published.get("detail-type").asText()).isNotEqualTo(AuditEvents.FALLBACK_DETAIL_TYPE);
                JsonNode detail = published.get("detail");
                assertThat(detail.get("type").asText()).isEqualTo(event.type());
                assertThat(detail.get("appId").asText()).isEqualTo(appId);
                assertThat(detail.get("occurredAt").asText()).isEqualTo(event.occurredAt().toString());
                assertThat(detail.get("actor").asText()).isEqualTo("key_test");
                assertThat(detail.at("/details/n").asText()).isEqualTo(event.details().get("n"));
                if (event.linkedAccountId() != null) {
                    assertThat(detail.get("linkedAccountId").asText()).isEqualTo(event.linkedAccountId());
                    assertThat(detail.get("endUserId").asText()).isEqualTo(event.endUserId());
                    assertThat(detail.get("connector").asText()).isEqualTo("acme-crm");
                }
                assertThat(Json(detail).keySet()).isSubsetOf("eventId", "type", "appId", "occurredAt",
                        "linkedAccountId", "endUserId", "connector", "actor", "details");
            }
            assertThat(bus.rawBodies()).allSatisfy(body -> assertThat(body).doesNotContain(CANARY).doesNotContain("secrets"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> Json(JsonNode node) {
        return dev.keyway.core.Json.mapper().convertValue(node, Map.class);
    }

    @Test
    void aRedelivery_carriesTheSameEventIds() {
        String appId = Ids.newId("app");
        try (var bus = new BusCapture(aws, appId)) {
            List<AuthEvent> written = writeEntries(appId, 3);
            DynamodbEvent event = stream.event(recordsOf(appId));

            handler.handleRequest(event, null);
            handler.handleRequest(event, null); // Lambda retried the batch

            List<JsonNode> events = bus.await(6, Duration.ofSeconds(10));
            assertThat(events).hasSize(6);
            Map<String, Long> deliveries = events.stream()
                    .collect(Collectors.groupingBy(e -> e.at("/detail/eventId").asText(), Collectors.counting()));
            assertThat(deliveries).containsOnlyKeys(written.stream().map(AuthEvent::id).toList());
            assertThat(deliveries.values()).containsOnly(2L);
            assertThat(events.stream().map(e -> e.get("id").asText()).distinct().count())
                    .as("EventBridge's own id differs per delivery; eventId is the dedupe key").isEqualTo(6);
        }
    }

    @Test
    void whenTheBusRefusesEverything_everyAuthEventRecordIsABatchItemFailure() {
        String appId = Ids.newId("app");
        writeEntries(appId, 12);
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(Map.of(
                "pk", s("APP#" + appId), "sk", s("APP"), "kind", s("app"), "appId", s(appId))).build());
        List<Record> records = recordsOf(appId);
        var broken = new AuditPublisherHandler(new AuditEventPublisher(aws.eventBridge(), "no-such-bus-" + appId));

        StreamsEventResponse response = broken.handleRequest(stream.event(records), null);

        Set<String> authEventRecords = records.stream()
                .filter(r -> StreamFixture.newImageHas(r, "kind", Set.of("auth_event")))
                .map(r -> r.dynamodb().sequenceNumber()).collect(Collectors.toSet());
        assertThat(authEventRecords).hasSize(12);
        assertThat(failures(response)).as("every auth event, and only those, is retried")
                .isEqualTo(authEventRecords);
    }

    @Test
    void recordsThatAreNotNewAuthEvents_areSkipped() {
        String appId = Ids.newId("app");
        try (var bus = new BusCapture(aws, appId)) {
            var entry = writeEntries(appId, 1).get(0);
            // A TTL removal of the entry: not an INSERT, never published again.
            table.client().deleteItem(r -> r.tableName(table.name()).key(Map.of(
                    "pk", s("LOG#" + appId), "sk", authLog.entry(entry).put().item().get("sk"))));
            List<Record> records = recordsOf(appId);
            var removal = records.stream().filter(r -> r.eventNameAsString().equals("REMOVE")).toList();
            assertThat(removal).hasSize(1);

            var response = handler.handleRequest(stream.event(removal), null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(bus.drain()).isEmpty();
        }
    }

    @Test
    void aMalformedEntry_isLoggedAndSkipped_notRetriedForever() {
        String appId = Ids.newId("app");
        try (var bus = new BusCapture(aws, appId)) {
            table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(Map.of(
                    "pk", s("LOG#" + appId), "sk", s("x"), "kind", s("auth_event"), "appId", s(appId))).build());
            var good = writeEntries(appId, 1).get(0);

            var response = handler.handleRequest(stream.event(recordsOf(appId)), null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(bus.await(1, Duration.ofSeconds(10))).extracting(e -> e.at("/detail/eventId").asText())
                    .containsExactly(good.id());
        }
    }

    @ParameterizedTest
    @Event(value = "events/audit-publisher.json", type = DynamodbEvent.class)
    void sampleEvent_publishesTheImport_notTheConnector(DynamodbEvent event) {
        String appId = Ids.newId("app");
        String eventId = Ids.newId("evt");
        for (var record : event.getRecords()) {
            var image = record.getDynamodb().getNewImage();
            image.get("pk").setS(image.get("pk").getS().replace("app_demo", appId));
            if (image.containsKey("eventId")) {
                image.get("appId").setS(appId);
                image.get("eventId").setS(eventId);
            }
        }
        try (var bus = new BusCapture(aws, appId)) {
            var response = handler.handleRequest(event, null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            List<JsonNode> events = bus.await(1, Duration.ofSeconds(10));
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("detail-type").asText()).isEqualTo("LinkedAccount Imported");
            assertThat(events.get(0).at("/detail/eventId").asText()).isEqualTo(eventId);
            assertThat(events.get(0).at("/detail/details/externalRef").asText()).isEqualTo("legacy-42");
            assertThat(bus.drain()).hasSize(1);
        }
    }

    @Test
    void entriesAfterAFailedOne_inTheSameCall_areReportedToo() {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        List<AuthEvent> chunk = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chunk.add(new AuthEvent("evt_" + i, "app_1", AuthEventTypes.CONNECTOR_SAVED, at, null, null, null, null, Map.of()));
        }
        var results = List.of(
                PutEventsResultEntry.builder().eventId("e0").build(),
                PutEventsResultEntry.builder().errorCode("InternalFailure").errorMessage("x").build(),
                PutEventsResultEntry.builder().eventId("e2").build(),
                PutEventsResultEntry.builder().errorCode("ThrottlingException").build());

        assertThat(AuditEventPublisher.failed(chunk, results)).containsExactly("evt_1", "evt_3");
        assertThat(AuditEventPublisher.failed(chunk, results.subList(0, 2)))
                .as("a missing result is not a success").containsExactly("evt_1", "evt_2", "evt_3");
    }

    @Test
    void aPutEventsEntry_carriesSourceDetailTypeTimeAndBus() {
        var publisher = new AuditEventPublisher(aws.eventBridge(), "some-bus");
        var event = new AuthEvent("evt_1", "app_1", AuthEventTypes.LINKED_ACCOUNT_DELETED,
                Instant.parse("2026-11-25T10:00:00.250Z"), "la_1", "u-1", "crm", "key_1", new HashMap<>());
        var entry = publisher.entry(event);
        assertThat(entry.source()).isEqualTo("keyway");
        assertThat(entry.detailType()).isEqualTo("LinkedAccount Deleted");
        assertThat(entry.eventBusName()).isEqualTo("some-bus");
        assertThat(entry.time()).isEqualTo(event.occurredAt());
        assertThat(entry.detail()).contains("\"eventId\":\"evt_1\"").contains("\"details\":{}");
    }
}
