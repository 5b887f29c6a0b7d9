package dev.keyway.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.keyway.core.KeywayConfig;
import dev.keyway.provisioning.AwsEndpoint;
import dev.keyway.provisioning.ProvisionedStack;
import dev.keyway.provisioning.StreamTrigger;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Runs template.yaml's DynamoDB stream triggers the way a Lambda event source mapping does:
 * per shard, GetRecords every {@link #POLL} from the trigger's starting position, up to its
 * batch size per invocation, in order. A function that reports batch item failures (or throws)
 * gets the batch again from the first failed record, after a growing pause, until it succeeds;
 * records before that one are not sent again. Shards that appear later start at TRIM_HORIZON.
 *
 * <p>Unlike the real mapping it keeps its position in memory only: a restarted runner starts
 * again at the trigger's starting position (TRIM_HORIZON replays the stream: at least once).
 * FilterCriteria are not applied; functions ignore records that are not theirs anyway.
 */
final class StreamPoller implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final int DISCOVER_EVERY = 20; // polls: new shards are looked for every 10 s

    private final DynamoDbStreamsClient streams;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private StreamPoller(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    /** Starts polling every stream trigger of {@code stack}; returns once each has its starting positions. */
    static StreamPoller start(ProvisionedStack stack, Map<String, FunctionHost> hosts) {
        URI endpoint = KeywayConfig.setting(KeywayConfig.AWS_ENDPOINT).map(URI::create).orElse(null);
        var aws = new AwsEndpoint(endpoint, stack.region(), SystemPropertyCredentialsProvider.create());
        return start(stack.streamTriggers(), stack, hosts, aws.configure(DynamoDbStreamsClient.builder()).build());
    }

    static StreamPoller start(List<StreamTrigger> triggers, ProvisionedStack stack, Map<String, FunctionHost> hosts,
                              DynamoDbStreamsClient streams) {
        StreamPoller poller = new StreamPoller(streams);
        for (StreamTrigger trigger : triggers) {
            FunctionHost host = Objects.requireNonNull(hosts.get(trigger.functionLogicalId()),
                    () -> "no function " + trigger.functionLogicalId() + " for stream trigger " + trigger.eventName());
            String streamArn = stack.attribute(trigger.tableLogicalId(), "StreamArn");
            Mapping mapping = poller.new Mapping(trigger, streamArn, host);
            mapping.discoverShards(ShardIteratorType.fromValue(trigger.startingPosition()));
            poller.threads.add(Thread.ofVirtual().name("stream-" + trigger.functionLogicalId()).start(mapping::run));
        }
        return poller;
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        streams.close();
    }

    /** One trigger: its function, and where it stands in each shard of the stream. */
    private final class Mapping {
        private final StreamTrigger trigger;
        private final String streamArn;
        private final FunctionHost host;
        private final Map<String, ShardPosition> shards = new LinkedHashMap<>();

        Mapping(StreamTrigger trigger, String streamArn, FunctionHost host) {
            this.trigger = trigger;
            this.streamArn = streamArn;
            this.host = host;
        }

        void run() {
            long polls = 0;
            while (running) {
                try {
                    if (++polls % DISCOVER_EVERY == 0) {
                        discoverShards(ShardIteratorType.TRIM_HORIZON);
                    }
                    for (ShardPosition shard : List.copyOf(shards.values())) {
                        poll(shard);
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        report("polling failed", e);
                    }
                }
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Adds shards not seen before, positioned at {@code start}; closed, finished shards stay finished. */
        void discoverShards(ShardIteratorType start) {
            String after = null;
            do {
                String exclusiveStart = after;
                var description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
                        .streamDescription();
                for (Shard shard : description.shards()) {
                    shards.computeIfAbsent(shard.shardId(), id -> new ShardPosition(id, iterator(id, start, null)));
                }
                after = description.lastEvaluatedShardId();
            } while (after != null);
        }

        private void poll(ShardPosition shard) {
            if (shard.finished() || Instant.now().isBefore(shard.retryAt)) {
                return;
            }
            var page = getRecords(shard);
            List<Record> records = page.records();
            if (!records.isEmpty()) {
                String failedFrom = invoke(records);
                if (failedFrom != null) {
                    shard.iterator = iterator(shard.shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, failedFrom);
                    shard.backOff();
                    return;
                }
                shard.lastSequenceNumber = records.get(records.size() - 1).dynamodb().sequenceNumber();
                shard.resetBackOff();
            }
            shard.iterator = page.nextShardIterator(); // null: the shard is closed and fully read
        }

        private software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse getRecords(ShardPosition shard) {
            try {
                return streams.getRecords(r -> r.shardIterator(shard.iterator).limit(trigger.batchSize()));
            } catch (ExpiredIteratorException expired) {
                shard.iterator = shard.lastSequenceNumber == null
                        ? iterator(shard.shardId, ShardIteratorType.TRIM_HORIZON, null)
                        : iterator(shard.shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, shard.lastSequenceNumber);
                return streams.getRecords(r -> r.shardIterator(shard.iterator).limit(trigger.batchSize()));
            }
        }

        /** Invokes the function; returns the sequence number to resume at, or null when the batch is done. */
        private String invoke(List<Record> records) {
            Object response;
            try {
                response = host.invoke(StreamEvents.event(streamArn, records));
            } catch (RuntimeException e) {
                report("invocation failed; retrying the batch", e);
                return sequenceNumber(records.get(0));
            }
            if (!(response instanceof StreamsEventResponse streamsResponse)
                    || streamsResponse.getBatchItemFailures() == null
                    || streamsResponse.getBatchItemFailures().isEmpty()) {
                return null;
            }
            Set<String> inBatch = records.stream().map(StreamPoller::sequenceNumber).collect(Collectors.toSet());
            List<String> failed = streamsResponse.getBatchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
            System.err.println("stream " + trigger.eventName() + " of " + trigger.functionLogicalId() + ": "
                    + failed.size() + " of " + records.size() + " records failed; retrying from the first");
            if (failed.stream().anyMatch(id -> id == null || !inBatch.contains(id))) {
                return sequenceNumber(records.get(0)); // as Lambda does: an unknown identifier fails the whole batch
            }
            return failed.stream().min(Comparator.comparing(BigInteger::new)).orElseThrow();
        }

        private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
            try {
                return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(type).sequenceNumber(sequenceNumber)).shardIterator();
            } catch (TrimmedDataAccessException trimmed) {
                // The record aged out of the stream (24 h): as Lambda, carry on with what is left.
                return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            }
        }

        private void report(String what, RuntimeException e) {
            System.err.println("stream " + trigger.eventName() + " of " + trigger.functionLogicalId() + ": " + what
                    + " (" + e.getClass().getName() + ")");
        }
    }

    private static String sequenceNumber(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    /** Where a mapping stands in one shard. Touched by its mapping's thread only. */
    private static final class ShardPosition {
        final String shardId;
        String iterator;
        String lastSequenceNumber;
        Instant retryAt = Instant.MIN;
        Duration retryDelay = FIRST_RETRY;

        ShardPosition(String shardId, String iterator) {
            this.shardId = shardId;
            this.iterator = iterator;
        }

        boolean finished() {
            return iterator == null;
        }

        void backOff() {
            retryAt = Instant.now().plus(retryDelay);
            retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
        }

        void resetBackOff() {
            retryDelay = FIRST_RETRY;
        }
    }
}
