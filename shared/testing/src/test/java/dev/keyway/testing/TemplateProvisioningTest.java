package dev.keyway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.provisioning.ProvisionedFunction;
import dev.keyway.provisioning.ProvisionedStack;
import dev.keyway.provisioning.Provisioner;
import dev.keyway.provisioning.Template;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The provisioner's integration test. It lives here, not in infra/provisioning, because this
 * module depends on that one and Maven forbids the cycle a test dependency back would make.
 */
@ExtendWith(LocalAwsExtension.class)
class TemplateProvisioningTest {

    private static final Template TEMPLATE = Template.load(Template.locate());

    @Test
    void table_hasTheIndexesBillingStreamAndEncryptionTheTemplateDeclares(LocalAws aws) {
        TableDescription table = aws.dynamoDb().describeTable(r -> r.tableName(aws.stack().ref("KeywayTable"))).table();

        assertThat(table.keySchema()).containsExactly(hash("pk"), range("sk"));
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes())
                .extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("gsi1", "gsi2", "due", "encKey");
        assertThat(index(table, "gsi1").keySchema()).containsExactly(hash("gsi1pk"), range("gsi1sk"));
        assertThat(index(table, "gsi1").projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(index(table, "gsi2").keySchema()).containsExactly(hash("gsi2pk"), range("gsi2sk"));
        assertThat(index(table, "gsi2").projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(index(table, "due").keySchema()).containsExactly(hash("duePk"), range("dueSk"));
        assertThat(index(table, "due").projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(index(table, "encKey").keySchema()).containsExactly(hash("encKeyShard"), range("pk"));
        assertThat(index(table, "encKey").projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(table.latestStreamArn()).isEqualTo(aws.stack().attribute("KeywayTable", "StreamArn"));
        assertThat(table.sseDescription().status()).isEqualTo(SSEStatus.ENABLED);
    }

    @Test
    void table_hasTimeToLiveOnTtlAndPointInTimeRecovery(LocalAws aws) {
        String table = aws.stack().ref("KeywayTable");

        var ttl = aws.dynamoDb().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        var pitr = aws.dynamoDb().describeContinuousBackups(r -> r.tableName(table))
                .continuousBackupsDescription().pointInTimeRecoveryDescription();

        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("ttl");
        assertThat(pitr.pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
    }

    @Test
    void functionEnvironment_isResolvedToThePhysicalNames(LocalAws aws) {
        ProvisionedStack stack = aws.stack();
        ProvisionedFunction connectors = stack.function("ConnectorsFunction");

        assertThat(connectors.handler()).isEqualTo("dev.keyway.functions.connectors.ConnectorsHandler::handleRequest");
        assertThat(connectors.environment())
                .containsEntry("KEYWAY_TABLE", "keyway-test-KeywayTable")
                .containsEntry("KEYWAY_KEY_SET_SECRET", stack.ref("KeySetSecret"))
                .containsEntry("KEYWAY_EVENT_BUS", "keyway-test-keyway")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        assertThat(stack.routes()).filteredOn(route -> route.functionLogicalId().equals("ConnectorsFunction")).hasSize(7);
    }

    @Test
    void provisioningTwice_isHarmless(LocalAws aws) {
        // GIVEN a freshly provisioned stack holding an item and a key set
        String stackName = "twice-" + UUID.randomUUID().toString().substring(0, 8);
        ProvisionedStack first = Provisioner.provision(TEMPLATE, stackName, aws.awsEndpoint());
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s"));
        aws.dynamoDb().putItem(r -> r.tableName(first.ref("KeywayTable")).item(item));
        String keySet = keySet(aws, first);

        // WHEN it is provisioned again
        ProvisionedStack second = Provisioner.provision(TEMPLATE, stackName, aws.awsEndpoint());

        // THEN nothing was replaced: same names, same data, same master keys
        assertThat(second).isEqualTo(first);
        assertThat(aws.dynamoDb().getItem(r -> r.tableName(second.ref("KeywayTable")).key(item)).item()).isEqualTo(item);
        assertThat(keySet(aws, second)).isEqualTo(keySet);
    }

    private static String keySet(LocalAws aws, ProvisionedStack stack) {
        return aws.secretsManager().getSecretValue(r -> r.secretId(stack.ref("KeySetSecret"))).secretString();
    }

    private static GlobalSecondaryIndexDescription index(TableDescription table, String name) {
        return table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst().orElseThrow();
    }

    private static KeySchemaElement hash(String attribute) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String attribute) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.RANGE).build();
    }
}
