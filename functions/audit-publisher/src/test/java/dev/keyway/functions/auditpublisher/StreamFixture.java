package dev.keyway.functions.auditpublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.keyway.testing.LocalAws;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the provisioned table's real stream (moto or LocalStack) and turns its records into the
 * {@link DynamodbEvent} Lambda would pass: what the event source mapping does, done by hand.
 */
final class StreamFixture implements AutoCloseable {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    StreamFixture(LocalAws aws) {
        this.streams = aws.awsEndpoint().configure(DynamoDbStreamsClient.builder()).build();
        this.streamArn = aws.stack().attribute("KeywayTable", "StreamArn");
    }

    /** Every record now in the stream, oldest first, that {@code wanted} accepts. */
    List<Record> records(Predicate<Record> wanted) {
        List<Record> found = new ArrayList<>();
        for (var shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(r -> r.shardIterator(current));
                page.records().stream().filter(wanted).forEach(found::add);
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return found;
    }

    static boolean newImageHas(Record record, String attribute, java.util.Collection<String> values) {
        var image = record.dynamodb().newImage();
        return image != null && image.containsKey(attribute) && values.contains(image.get(attribute).s());
    }

    DynamodbEvent event(List<Record> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(this::toLambda).toList());
        return event;
    }

    private DynamodbEvent.DynamodbStreamRecord toLambda(Record record) {
        var r = new DynamodbEvent.DynamodbStreamRecord();
        r.setEventID(record.eventID());
        r.setEventName(record.eventNameAsString());
        r.setEventSource("aws:dynamodb");
        r.setEventVersion(record.eventVersion());
        r.setAwsRegion(record.awsRegion());
        r.setEventSourceARN(streamArn);
        var d = record.dynamodb();
        var stream = new StreamRecord();
        stream.setSequenceNumber(d.sequenceNumber());
        stream.setSizeBytes(d.sizeBytes());
        stream.setApproximateCreationDateTime(d.approximateCreationDateTime() == null ? null
                : Date.from(d.approximateCreationDateTime()));
        stream.setKeys(toLambda(d.keys()));
        stream.setNewImage(toLambda(d.newImage()));
        stream.setOldImage(toLambda(d.oldImage()));
        r.setDynamodb(stream);
        return r;
    }

    private static Map<String, AttributeValue> toLambda(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((name, value) -> out.put(name, toLambda(value)));
        return out;
    }

    private static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        var out = new AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case BOOL -> out.setBOOL(v.bool());
            case M -> out.setM(toLambda(v.m()));
            case L -> out.setL(v.l().stream().map(StreamFixture::toLambda).toList());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case NUL -> out.setNULL(true);
            default -> throw new IllegalArgumentException("not used by Keyway items: " + v.type());
        }
        return out;
    }

    @Override
    public void close() {
        streams.close();
    }
}
