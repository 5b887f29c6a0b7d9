package dev.keyway.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Ids;
import dev.keyway.core.Json;
import dev.keyway.testing.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Everything Keyway puts on its bus from now on: a rule on the real (local) bus matching
 * {@code source: keyway} whose target is an SQS queue this class reads. Created before the
 * apps of a test exist, so it matches on the source only; {@link #eventIdsOf} picks one app's.
 */
final class BusQueue implements AutoCloseable {
    private final SqsClient sqs;
    private final EventBridgeClient eventBridge;
    private final String bus;
    private final String rule;
    private final String queueUrl;
    private final List<String> bodies = new ArrayList<>();

    BusQueue(LocalAws aws) {
        this.sqs = aws.awsEndpoint().configure(SqsClient.builder()).build();
        this.eventBridge = aws.eventBridge();
        this.bus = aws.config().eventBusName();
        String name = Ids.newId("bus").replace('_', '-');
        this.rule = name;
        this.queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.eventBusName(bus).name(rule)
                .eventPattern(Json.write(Map.of("source", List.of("keyway")))));
        eventBridge.putTargets(r -> r.eventBusName(bus).rule(rule).targets(t -> t.id("queue").arn(queueArn)));
    }

    /** Receives until every one of {@code eventIds} of {@code appId} is on the bus, or the timeout. */
    synchronized Set<String> awaitEvents(String appId, Set<String> eventIds, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!eventIdsOf(appId).containsAll(eventIds) && Instant.now().isBefore(deadline)) {
            receive(1);
        }
        return eventIdsOf(appId);
    }

    /** Whatever arrives within one short wait. */
    synchronized void drain() {
        receive(1);
    }

    /** The distinct event ids of {@code appId} received so far (duplicates carry the same id). */
    synchronized Set<String> eventIdsOf(String appId) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode event : parsed()) {
            if (appId.equals(event.at("/detail/appId").asText())) {
                ids.add(event.at("/detail/eventId").asText());
            }
        }
        return ids;
    }

    /** Every received event of {@code appId}. */
    synchronized List<JsonNode> eventsOf(String appId) {
        return parsed().stream().filter(e -> appId.equals(e.at("/detail/appId").asText())).toList();
    }

    /** Every message body received, whichever app: all of it is searched. */
    synchronized List<String> rawBodies() {
        return List.copyOf(bodies);
    }

    private void receive(int waitSeconds) {
        var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds))
                .messages();
        for (var message : messages) {
            bodies.add(message.body());
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
    }

    private List<JsonNode> parsed() {
        return bodies.stream().map(body -> {
            try {
                return Json.mapper().readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }).toList();
    }

    @Override
    public void close() {
        eventBridge.removeTargets(r -> r.eventBusName(bus).rule(rule).ids("queue"));
        eventBridge.deleteRule(r -> r.eventBusName(bus).name(rule));
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        sqs.close();
    }
}
