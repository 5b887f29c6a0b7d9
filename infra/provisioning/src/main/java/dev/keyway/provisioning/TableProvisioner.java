package dev.keyway.provisioning;

import static dev.keyway.provisioning.Values.bool;
import static dev.keyway.provisioning.Values.list;
import static dev.keyway.provisioning.Values.map;
import static dev.keyway.provisioning.Values.string;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates an AWS::DynamoDB::Table with everything its template entry declares. Properties it
 * does not know are an error, not a silent omission, so a new template property cannot make
 * the local table quietly differ from the deployed one.
 *
 * <p>An existing table is left as it is, except that TTL and point-in-time recovery are
 * switched on if the template wants them and they are off: they are separate calls after
 * CreateTable, so a run that stopped in between would otherwise leave them off for good.
 */
final class TableProvisioner {

    static final Set<String> SUPPORTED = Set.of(
            "TableName", "BillingMode", "ProvisionedThroughput", "AttributeDefinitions", "KeySchema",
            "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification", "SSESpecification",
            "TimeToLiveSpecification", "PointInTimeRecoverySpecification", "TableClass",
            "DeletionProtectionEnabled", "Tags");

    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(10);

    private final DynamoDbClient dynamoDb;
    private final Resolver resolver;

    TableProvisioner(DynamoDbClient dynamoDb, Resolver resolver) {
        this.dynamoDb = dynamoDb;
        this.resolver = resolver;
    }

    /** Returns the ACTIVE table's description. */
    TableDescription provision(Resource table, String physicalName) {
        table.requireOnly(SUPPORTED, "table");
        Map<String, Object> p = table.properties();
        try {
            dynamoDb.createTable(createRequest(physicalName, p));
        } catch (ResourceInUseException alreadyThere) {
            // Created by an earlier run (or a concurrent one): leave it alone.
        }
        TableDescription description = awaitActive(physicalName);
        enableTimeToLive(physicalName, map(p.get("TimeToLiveSpecification")));
        if (bool(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"), false)) {
            enablePointInTimeRecovery(physicalName);
        }
        return description;
    }

    private CreateTableRequest createRequest(String name, Map<String, Object> p) {
        String billingMode = p.containsKey("BillingMode") ? resolver.resolve(p.get("BillingMode")) : "PROVISIONED";
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(billingMode)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                        .map(d -> AttributeDefinition.builder()
                                .attributeName(resolver.resolve(map(d).get("AttributeName")))
                                .attributeType(resolver.resolve(map(d).get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(p.get("KeySchema")))
                .provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
        List<?> gsis = list(p.get("GlobalSecondaryIndexes"));
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis.stream().map(i -> GlobalSecondaryIndex.builder()
                            .indexName(resolver.resolve(map(i).get("IndexName")))
                            .keySchema(keySchema(map(i).get("KeySchema")))
                            .projection(projection(map(i).get("Projection")))
                            .provisionedThroughput(throughput(map(i).get("ProvisionedThroughput")))
                            .build())
                    .toList());
        }
        List<?> lsis = list(p.get("LocalSecondaryIndexes"));
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis.stream().map(i -> LocalSecondaryIndex.builder()
                            .indexName(resolver.resolve(map(i).get("IndexName")))
                            .keySchema(keySchema(map(i).get("KeySchema")))
                            .projection(projection(map(i).get("Projection")))
                            .build())
                    .toList());
        }
        Map<String, Object> stream = map(p.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(resolver.resolve(stream.get("StreamViewType")))
                    .build());
        }
        Map<String, Object> sse = map(p.get("SSESpecification"));
        if (!sse.isEmpty()) {
            request.sseSpecification(SSESpecification.builder()
                    .enabled(bool(sse.get("SSEEnabled"), false))
                    .sseType(sse.containsKey("SSEType") ? resolver.resolve(sse.get("SSEType")) : null)
                    .kmsMasterKeyId(sse.containsKey("KMSMasterKeyId") ? resolver.resolve(sse.get("KMSMasterKeyId")) : null)
                    .build());
        }
        if (p.containsKey("TableClass")) {
            request.tableClass(resolver.resolve(p.get("TableClass")));
        }
        if (p.containsKey("DeletionProtectionEnabled")) {
            request.deletionProtectionEnabled(bool(p.get("DeletionProtectionEnabled"), false));
        }
        List<?> tags = list(p.get("Tags"));
        if (!tags.isEmpty()) {
            request.tags(tags.stream()
                    .map(t -> Tag.builder()
                            .key(resolver.resolve(map(t).get("Key")))
                            .value(resolver.resolve(map(t).get("Value")))
                            .build())
                    .toList());
        }
        return request.build();
    }

    private List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(resolver.resolve(map(k).get("AttributeName")))
                        .keyType(resolver.resolve(map(k).get("KeyType")))
                        .build())
                .toList();
    }

    private Projection projection(Object value) {
        Map<String, Object> projection = map(value);
        Projection.Builder builder = Projection.builder()
                .projectionType(resolver.resolve(projection.getOrDefault("ProjectionType", "KEYS_ONLY")));
        List<?> nonKey = list(projection.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey.stream().map(resolver::resolve).toList());
        }
        return builder.build();
    }

    /** Null for on-demand tables and indexes, which must not carry a throughput. */
    private ProvisionedThroughput throughput(Object value) {
        Map<String, Object> throughput = map(value);
        if (throughput.isEmpty()) {
            return null;
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(resolver.resolve(throughput.get("ReadCapacityUnits"))))
                .writeCapacityUnits(Long.parseLong(resolver.resolve(throughput.get("WriteCapacityUnits"))))
                .build();
    }

    /** The table and every index ACTIVE: UpdateTimeToLive is refused before that on AWS. */
    private TableDescription awaitActive(String name) {
        Instant deadline = Instant.now().plus(ACTIVE_TIMEOUT);
        long pause = 100;
        while (true) {
            TableDescription table;
            try {
                table = dynamoDb.describeTable(r -> r.tableName(name)).table();
            } catch (ResourceNotFoundException notYetVisible) {
                table = null; // AWS is eventually consistent right after CreateTable
            }
            if (table != null && table.tableStatus() == TableStatus.ACTIVE
                    && table.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE)) {
                return table;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("table " + name + " not ACTIVE after " + ACTIVE_TIMEOUT);
            }
            sleep(pause);
            pause = Math.min(pause * 2, 2_000);
        }
    }

    private void enableTimeToLive(String name, Map<String, Object> spec) {
        if (!bool(spec.get("Enabled"), false)) {
            return;
        }
        TimeToLiveStatus status = dynamoDb.describeTimeToLive(r -> r.tableName(name))
                .timeToLiveDescription().timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            return;
        }
        String attribute = resolver.resolve(spec.get("AttributeName"));
        dynamoDb.updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute)));
    }

    private void enablePointInTimeRecovery(String name) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                var description = dynamoDb.describeContinuousBackups(r -> r.tableName(name))
                        .continuousBackupsDescription().pointInTimeRecoveryDescription();
                if (description == null || description.pointInTimeRecoveryStatus() != PointInTimeRecoveryStatus.ENABLED) {
                    dynamoDb.updateContinuousBackups(r -> r.tableName(name)
                            .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
                }
                return;
            } catch (ContinuousBackupsUnavailableException stillSettingUp) {
                // AWS refuses this for a short while after a table is created.
                if (Instant.now().isAfter(deadline)) {
                    throw stillSettingUp;
                }
                sleep(2_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning", e);
        }
    }
}
