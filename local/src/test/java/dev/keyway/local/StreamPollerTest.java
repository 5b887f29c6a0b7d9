package dev.keyway.local;

import static dev.keyway.storage.Attrs.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.audit.AuditEvents;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Ids;
import dev.keyway.core.Json;
import dev.keyway.provisioning.StreamTrigger;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local runner's stream triggers against the real stream of the local endpoint's table. */
@ExtendWith(LocalAwsExtension.class)
class StreamPollerTest {
    private static LocalAws aws;
    private static KeywayTable table;

    @BeforeAll
    static void setUp(LocalAws localAws) {
        aws = localAws;
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
    }

    private static DynamoDbStreamsClient streams() {
        return aws.awsEndpoint().configure(DynamoDbStreamsClient.builder()).build();
    }

    @Test
    void templatesTrigger_isTheAuditPublisherOnTheTablesStream() {
        assertThat(aws.stack().streamTriggers()).singleElement().satisfies(trigger -> {
            assertThat(trigger.functionLogicalId()).isEqualTo("AuditPublisherFunction");
            assertThat(trigger.tableLogicalId()).isEqualTo("KeywayTable");
            assertThat(trigger.startingPosition()).isEqualTo("TRIM_HORIZON");
        });
    }

    @Test
    void aNewAuthEvent_isPolledIntoThePublisher_andReachesTheBus() throws Exception {
        String appId = Ids.newId("app");
        try (var sqs = aws.awsEndpoint().configure(SqsClient.builder()).build()) {
            String queue = sqs.createQueue(r -> r.queueName(Ids.newId("poller").replace('_', '-'))).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String bus = aws.config().eventBusName();
            String rule = Ids.newId("poller").replace('_', '-');
            aws.eventBridge().putRule(r -> r.eventBusName(bus).name(rule).eventPattern(Json.write(
                    Map.of("source", List.of("keyway"), "detail", Map.of("appId", List.of(appId))))));
            aws.eventBridge().putTargets(r -> r.eventBusName(bus).rule(rule).targets(t -> t.id("q").arn(queueArn)));

            var hosts = new HashMap<String, FunctionHost>();
            for (var trigger : aws.stack().streamTriggers()) {
                var function = aws.stack().function(trigger.functionLogicalId());
                hosts.put(function.logicalId(), FunctionHost.load(function.logicalId(), function.handler(), 30));
            }
            try (var poller = StreamPoller.start(aws.stack().streamTriggers(), aws.stack(), hosts, streams())) {
                var authLog = new AuthLog(table, Clock.systemUTC());
                var event = authLog.event(appId, AuthEventTypes.LINKED_ACCOUNT_DELETED)
                        .linkedAccount(Ids.newId("la"), "u-1").connector("crm").actor("key_test").build();
                Transactions.write(table, List.of(authLog.entry(event)));

                List<JsonNode> received = new ArrayList<>();
                Instant deadline = Instant.now().plusSeconds(15);
                while (received.isEmpty() && Instant.now().isBefore(deadline)) {
                    for (var message : sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)).messages()) {
                        received.add(Json.mapper().readTree(message.body()));
                    }
                }
                assertThat(received).as("the event reached the bus within 15 s").hasSize(1);
                assertThat(received.get(0).get("detail-type").asText()).isEqualTo("LinkedAccount Deleted");
                assertThat(received.get(0).at("/detail/eventId").asText()).isEqualTo(event.id());
                assertThat(received.get(0).at("/detail/linkedAccountId").asText()).isEqualTo(event.linkedAccountId());
                assertThat(AuditEvents.detailType(event.type())).isEqualTo("LinkedAccount Deleted");
            } finally {
                aws.eventBridge().removeTargets(r -> r.eventBusName(bus).rule(rule).ids("q"));
                aws.eventBridge().deleteRule(r -> r.eventBusName(bus).name(rule));
                sqs.deleteQueue(r -> r.queueUrl(queue));
            }
        }
    }

    /** Three items in one transaction, so they reach the stream (and one batch) together. */
    private static void writeThree(String prefix) {
        List<TransactWriteItem> puts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            puts.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                    .item(Map.of("pk", s(prefix + i), "sk", s("X"), "kind", s("test"))).build()).build());
        }
        Transactions.write(table, puts);
    }

    private static StreamPoller recordingPoller() {
        var trigger = new StreamTrigger("Recording", "RecordingStream", "KeywayTable", "LATEST", 100);
        var host = FunctionHost.load("Recording", RecordingStreamHandler.class.getName() + "::handleRequest", 30);
        return StreamPoller.start(List.of(trigger), aws.stack(), Map.of("Recording", host), streams());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    @Test
    void aBatchItemFailure_isRetriedFromTheFailedRecord_notBefore() throws Exception {
        String prefix = Ids.newId("POLL") + "#";
        RecordingStreamHandler.reset(prefix);
        RecordingStreamHandler.failSecondOnce = true;
        try (var poller = recordingPoller()) {
            writeThree(prefix);
            await(() -> RecordingStreamHandler.batches.size() >= 2);
            Thread.sleep(1_500); // nothing more should come: the retry succeeded

            List<List<String>> batches = RecordingStreamHandler.batches;
            assertThat(batches).hasSize(2);
            assertThat(batches.get(0)).hasSize(3);
            assertThat(batches.get(1)).as("from the failed record on, in order")
                    .containsExactlyElementsOf(batches.get(0).subList(1, 3));
        }
    }

    @Test
    void aFunctionThatThrows_getsTheWholeBatchAgain() throws Exception {
        String prefix = Ids.newId("POLL") + "#";
        RecordingStreamHandler.reset(prefix);
        RecordingStreamHandler.throwOnce = true;
        try (var poller = recordingPoller()) {
            writeThree(prefix);
            await(() -> RecordingStreamHandler.batches.size() >= 2);

            assertThat(RecordingStreamHandler.batches).hasSize(2);
            assertThat(RecordingStreamHandler.batches.get(1)).containsExactlyElementsOf(RecordingStreamHandler.batches.get(0));
            assertThat(RecordingStreamHandler.batches.get(0)).hasSize(3);
        }
    }
}
