package dev.keyway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.core.KeywayConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAwsExtension.class)
class LocalAwsExtensionTest {

    private static LocalAws fromBeforeAll;

    @BeforeAll
    static void injectedIntoLifecycleMethods(LocalAws aws) {
        fromBeforeAll = aws;
    }

    @Test
    void oneLocalAwsPerJvm(LocalAws aws) {
        assertThat(aws).isSameAs(fromBeforeAll).isSameAs(FirstSeen.localAws(aws));
    }

    @Test
    void putItemThenGetItem_roundTripsThroughTheProvisionedTable(LocalAws aws) {
        // GIVEN the table template.yaml declares
        String table = aws.stack().ref("KeywayTable");
        Map<String, AttributeValue> key = Map.of(
                "pk", AttributeValue.fromS("test#" + UUID.randomUUID()), "sk", AttributeValue.fromS("item"));
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("value", AttributeValue.fromS("hello"));

        // WHEN an item is written and read back
        aws.dynamoDb().putItem(r -> r.tableName(table).item(item));
        Map<String, AttributeValue> read = aws.dynamoDb().getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();

        // THEN it is the same item
        assertThat(read).isEqualTo(item);
    }

    @Test
    void keySetSecret_holdsAnInitialMasterKeySet(LocalAws aws) {
        String value = aws.secretsManager()
                .getSecretValue(r -> r.secretId(aws.stack().ref("KeySetSecret")))
                .secretString();

        assertThat(value).matches("\\{\"primary\":\"k1\",\"keys\":\\{\"k1\":\"[A-Za-z0-9+/]{43}=\"}}");
    }

    @Test
    void eventBus_acceptsEvents(LocalAws aws) {
        var response = aws.eventBridge().putEvents(r -> r.entries(e -> e
                .eventBusName(aws.stack().ref("KeywayEventBus"))
                .source("dev.keyway.test")
                .detailType("probe")
                .detail("{}")));

        assertThat(response.failedEntryCount()).isZero();
    }

    @Test
    void settings_arePublishedAsSystemPropertiesForKeywayConfig(LocalAws aws) {
        KeywayConfig config = KeywayConfig.fromEnvironment();

        assertThat(config).isEqualTo(aws.config());
        assertThat(config.tableName()).isEqualTo("keyway-test-KeywayTable");
        assertThat(config.keySetSecretId()).startsWith("arn:aws:secretsmanager:").contains(":secret:keyway-test-KeySetSecret");
        assertThat(config.eventBusName()).isEqualTo("keyway-test-keyway");
        assertThat(config.awsEndpoint()).contains(aws.endpoint());
        assertThat(System.getProperty("aws.accessKeyId")).isNotBlank();
        assertThat(System.getProperty("aws.region")).isEqualTo(aws.region());
    }
}
