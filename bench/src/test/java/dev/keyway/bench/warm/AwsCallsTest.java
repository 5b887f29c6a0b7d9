package dev.keyway.bench.warm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

class AwsCallsTest {

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    @Test
    void itemCalls_nameTheKindOfItem_neverTheKey() {
        assertThat(AwsCalls.label("DynamoDb", "GetItem", GetItemRequest.builder().key(key("LA#la_123", "LA")).build()))
                .isEqualTo("DynamoDb GetItem LA#/LA");
        assertThat(AwsCalls.label("DynamoDb", "UpdateItem", UpdateItemRequest.builder().key(key("LA#la_123", "LA")).build()))
                .isEqualTo("DynamoDb UpdateItem LA#/LA");
        assertThat(AwsCalls.label("DynamoDb", "GetItem", GetItemRequest.builder().key(key("APP#app_1", "CONN#crm")).build()))
                .isEqualTo("DynamoDb GetItem APP#/CONN#");
        assertThat(AwsCalls.label("DynamoDb", "GetItem", GetItemRequest.builder().key(key("KEY#k", "sk_live_secret")).build()))
                .as("a value that is not a tag is not shown").isEqualTo("DynamoDb GetItem KEY#/…");
    }

    @Test
    void otherCalls_areServiceAndOperation() {
        assertThat(AwsCalls.label("SecretsManager", "GetSecretValue", GetSecretValueRequest.builder().secretId("s").build()))
                .isEqualTo("SecretsManager GetSecretValue");
        assertThat(AwsCalls.label("DynamoDb", "Query", QueryRequest.builder().indexName("gsi1").build()))
                .isEqualTo("DynamoDb Query gsi1");
        assertThat(AwsCalls.label("DynamoDb", "Query", QueryRequest.builder().build())).isEqualTo("DynamoDb Query");
    }

    @Test
    void requestsAreCountedUnderThePhaseOfTheirThread() throws Exception {
        long before = AwsCalls.count(AwsCalls.NO_PHASE);
        AwsCalls.during("test phase", () -> {
            AwsCalls.record("DynamoDb GetItem LA#/LA");
            AwsCalls.record("DynamoDb GetItem LA#/LA");
            return null;
        });
        Thread other = new Thread(() -> AwsCalls.record("DynamoDb GetItem LA#/LA"));
        AwsCalls.during("test phase", () -> {
            other.start();
            return null;
        });
        other.join();

        assertThat(AwsCalls.count("test phase")).isEqualTo(2);
        assertThat(AwsCalls.counts("test phase")).containsExactly(Map.entry("DynamoDb GetItem LA#/LA", 2L));
        assertThat(AwsCalls.count(AwsCalls.NO_PHASE) - before).as("another thread's request").isEqualTo(1);
        assertThat(AwsCalls.counts("a phase that sent nothing")).isEmpty();
    }

    @Test
    void theSdkFindsTheInterceptor_throughItsGlobalInterceptorsFile() throws Exception {
        var file = AwsCalls.class.getClassLoader()
                .getResource("software/amazon/awssdk/global/handlers/execution.interceptors");
        assertThat(file).isNotNull();
        try (var in = file.openStream()) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip())
                    .isEqualTo(AwsCalls.class.getName());
        }
    }
}
