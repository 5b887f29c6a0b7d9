package dev.keyway.storage;

import dev.keyway.core.KeywayConfig;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The single Keyway table: its name and the client that talks to it. */
@Singleton
public final class KeywayTable {
    private final DynamoDbClient client;
    private final String name;

    @Inject
    public KeywayTable(DynamoDbClient client, KeywayConfig config) {
        this(client, config.tableName());
    }

    public KeywayTable(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }
}
