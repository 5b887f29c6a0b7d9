package dev.keyway.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stream function for the poller's tests, loaded by class name like any template function.
 * It records the batches it sees (only records whose pk starts with {@link #prefix}) and fails
 * as told: the second record of the next batch once ({@link #failSecondOnce}), or by throwing once.
 */
public final class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static volatile String prefix = "";
    static final List<List<String>> batches = new CopyOnWriteArrayList<>();
    static volatile boolean failSecondOnce;
    static volatile boolean throwOnce;

    static void reset(String pkPrefix) {
        prefix = pkPrefix;
        batches.clear();
        failSecondOnce = false;
        throwOnce = false;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<String> ours = new ArrayList<>();
        for (var record : event.getRecords()) {
            if (record.getDynamodb().getKeys().get("pk").getS().startsWith(prefix)) {
                ours.add(record.getDynamodb().getSequenceNumber());
            }
        }
        if (ours.isEmpty()) {
            return new StreamsEventResponse(new ArrayList<>());
        }
        batches.add(ours);
        if (throwOnce) {
            throwOnce = false;
            throw new IllegalStateException("failing on purpose");
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        if (failSecondOnce && ours.size() > 1) {
            failSecondOnce = false;
            failures.add(new StreamsEventResponse.BatchItemFailure(ours.get(1)));
        }
        return new StreamsEventResponse(failures);
    }
}
