package dev.keyway.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** DynamoDB Streams records as the SDK reads them → the {@link DynamodbEvent} Lambda passes a function. */
final class StreamEvents {
    private StreamEvents() {
    }

    static DynamodbEvent event(String streamArn, List<Record> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(r -> record(streamArn, r)).toList());
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(String streamArn, Record record) {
        var lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion());
        lambda.setEventSource(record.eventSource() == null ? "aws:dynamodb" : record.eventSource());
        lambda.setAwsRegion(record.awsRegion());
        lambda.setEventSourceARN(streamArn);
        var d = record.dynamodb();
        var stream = new StreamRecord();
        stream.setSequenceNumber(d.sequenceNumber());
        stream.setSizeBytes(d.sizeBytes());
        if (d.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(d.approximateCreationDateTime()));
        }
        if (d.streamViewType() != null) {
            stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                    .fromValue(d.streamViewTypeAsString()));
        }
        stream.setKeys(image(d.keys()));
        stream.setNewImage(image(d.newImage()));
        stream.setOldImage(image(d.oldImage()));
        lambda.setDynamodb(stream);
        return lambda;
    }

    /** Lambda leaves an image out rather than sending it empty (no NewImage on REMOVE). */
    private static Map<String, AttributeValue> image(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    private static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        var out = new AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            case M -> out.setM(image(v.m()) == null ? new HashMap<>() : image(v.m()));
            case L -> out.setL(v.l().stream().map(StreamEvents::value).toList());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        return out;
    }
}
