package dev.keyway.bench;

import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.storage.KeywayTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real app and secret key for the sample events. The files in events/ name a demo app
 * ({@code app_demo}, key {@code key_demo}) and a well-formed key nobody holds; run as they are,
 * the authorizer would take its "unknown key" path and a PUT would find no app. Copies with the
 * real values make every first invocation take the path real traffic takes.
 */
record DemoApp(String appId, String keyId, String secretKey) {
    private static final String ACTOR = "bench";
    private static final Pattern SAMPLE_KEY = Pattern.compile("sk_(live|test)_[a-z2-7]{52}");

    /** A local-mode app (its keys are sk_test_…, like the samples'), created through the admin service. */
    static DemoApp create(DynamoDbClient dynamoDb, String tableName) {
        KeywayTable table = new KeywayTable(dynamoDb, tableName);
        Clock clock = Clock.systemUTC();
        AppAdminService admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, clock), clock);
        var app = admin.createApp("Keyway cold-start bench", true, ACTOR);
        var key = admin.createKey(app.id(), ACTOR);
        return new DemoApp(app.id(), key.keyId(), key.secretKey());
    }

    /**
     * Copies {@code event} into {@code directory} with this app's id, key id and secret key in place
     * of the samples', and each of {@code more}'s keys replaced by its value (a linked account id, an upstream URL).
     */
    Path rewrite(Path event, Path directory, Map<String, String> more) {
        try {
            String json = Files.readString(event);
            for (Map.Entry<String, String> replacement : more.entrySet()) {
                json = json.replace(replacement.getKey(), replacement.getValue());
            }
            json = json
                    .replace("\"app_demo\"", "\"" + appId + "\"")
                    .replace("\"key_demo\"", "\"" + keyId + "\"");
            json = SAMPLE_KEY.matcher(json).replaceAll(secretKey);
            Files.createDirectories(directory);
            Path copy = directory.resolve(event.getFileName());
            Files.writeString(copy, json);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + event, e);
        }
    }
}
