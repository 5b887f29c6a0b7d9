package dev.keyway.functions.auditpublisher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Ids;
import dev.keyway.core.Json;
import dev.keyway.testing.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What reaches the Keyway bus for one app: a rule on the real (local) bus matching
 * {@code source: keyway} and the app's id, whose target is an SQS queue this class reads.
 */
final class BusCapture implements AutoCloseable {
    private final SqsClient sqs;
    private final EventBridgeClient eventBridge;
    private final String bus;
    private final String rule;
    private final String queueUrl;
    private final List<String> bodies = new ArrayList<>();

    BusCapture(LocalAws aws, String appId) {
        this.sqs = aws.awsEndpoint().configure(SqsClient.builder()).build();
        this.eventBridge = aws.eventBridge();
        this.bus = aws.config().eventBusName();
        String name = Ids.newId("capture").replace('_', '-');
        this.rule = name;
        this.queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.eventBusName(bus).name(rule).eventPattern(Json.write(
                Map.of("source", List.of("keyway"), "detail", Map.of("appId", List.of(appId))))));
        eventBridge.putTargets(r -> r.eventBusName(bus).rule(rule).targets(t -> t.id("queue").arn(queueArn)));
    }

    /** Every event body received so far, after waiting until {@code count} have arrived (or the timeout). */
    List<JsonNode> await(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (bodies.size() < count && Instant.now().isBefore(deadline)) {
            receive(1);
        }
        return parsed();
    }

    /** Whatever else arrives within a short wait: for "exactly once per delivery" checks. */
    List<JsonNode> drain() {
        receive(1);
        return parsed();
    }

    List<String> rawBodies() {
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
