package dev.keyway.bench.bare;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The baseline a Keyway function is compared with: the least a Java Lambda that reads DynamoDB
 * can do. Init builds one client (the JDK's HTTP client, explicit region and credentials, so no
 * lookup chain runs); the invocation makes one consistent GetItem, the authorizer's only call.
 * It takes the same event as the function it is compared with and ignores it.
 */
public final class BareHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public BareHandler() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        String endpoint = System.getenv("KEYWAY_AWS_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.dynamoDb = builder.build();
        this.table = System.getenv("KEYWAY_TABLE");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        var item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("BENCH#bare"), "sk", AttributeValue.fromS("BENCH")))
                .consistentRead(true)
                .build()).item();
        return Map.of("statusCode", 200, "found", item != null && !item.isEmpty());
    }
}
