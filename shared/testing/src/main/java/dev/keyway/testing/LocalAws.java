package dev.keyway.testing;

import dev.keyway.core.KeywayConfig;
import dev.keyway.provisioning.AwsEndpoint;
import dev.keyway.provisioning.ProvisionedStack;
import dev.keyway.provisioning.Provisioner;
import dev.keyway.provisioning.Template;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A real AWS-compatible endpoint with template.yaml provisioned on it, shared by every test
 * in the JVM (see {@link LocalAwsExtension}). Test data lives as long as the endpoint, so
 * tests use fresh ids rather than expect an empty table.
 */
public final class LocalAws implements AutoCloseable {

    /** Stack name the template is provisioned under: tables are {@code keyway-test-KeywayTable} etc. */
    public static final String STACK_NAME = "keyway-test";

    private final AwsEndpoint endpoint;
    private final ProvisionedStack stack;
    private final List<SdkClient> built = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private SecretsManagerClient secretsManager;
    private EventBridgeClient eventBridge;

    private LocalAws(AwsEndpoint endpoint, ProvisionedStack stack) {
        this.endpoint = endpoint;
        this.stack = stack;
    }

    /** Chooses the endpoint, provisions template.yaml on it and publishes the settings. */
    static LocalAws start() {
        Path template = Template.locate();
        AwsEndpoint endpoint = Endpoints.choose(template.getParent());
        LocalAws aws = new LocalAws(endpoint, Provisioner.provision(Template.load(template), STACK_NAME, endpoint));
        aws.publishSettings();
        return aws;
    }

    /**
     * Code under test reads its settings through {@link KeywayConfig#setting}, system property
     * first, and builds SDK clients with the default region and credential chains: system
     * properties reach both without touching the process environment.
     */
    private void publishSettings() {
        publishSettings(endpoint, stack);
    }

    /** Points this JVM's Keyway settings and SDK chains at {@code stack} on {@code endpoint} (also used by bench/). */
    public static void publishSettings(AwsEndpoint endpoint, ProvisionedStack stack) {
        System.setProperty(KeywayConfig.AWS_ENDPOINT, endpoint.url().toString());
        for (String name : List.of(KeywayConfig.TABLE, KeywayConfig.KEY_SET_SECRET, KeywayConfig.EVENT_BUS)) {
            String value = stack.globalEnvironment().get(name);
            if (value != null) {
                System.setProperty(name, value);
            }
        }
        System.setProperty("AWS_REGION", endpoint.region());
        System.setProperty("aws.region", endpoint.region());
        AwsCredentials credentials = endpoint.credentials().resolveCredentials();
        System.setProperty("aws.accessKeyId", credentials.accessKeyId());
        System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
    }

    public URI endpoint() {
        return endpoint.url();
    }

    public String region() {
        return endpoint.region();
    }

    public AwsCredentialsProvider credentials() {
        return endpoint.credentials();
    }

    /** For clients not offered here: {@code aws.awsEndpoint().configure(DynamoDbStreamsClient.builder()).build()}. */
    public AwsEndpoint awsEndpoint() {
        return endpoint;
    }

    public ProvisionedStack stack() {
        return stack;
    }

    /** The settings a function of the provisioned stack runs with, as the app reads them. */
    public KeywayConfig config() {
        return new KeywayConfig(
                region(),
                stack.globalEnvironment().get(KeywayConfig.TABLE),
                stack.globalEnvironment().get(KeywayConfig.KEY_SET_SECRET),
                stack.globalEnvironment().getOrDefault(KeywayConfig.EVENT_BUS, "default"),
                Optional.of(endpoint()));
    }

    public synchronized DynamoDbClient dynamoDb() {
        return dynamoDb = lazily(dynamoDb, endpoint::dynamoDb);
    }

    public synchronized SecretsManagerClient secretsManager() {
        return secretsManager = lazily(secretsManager, endpoint::secretsManager);
    }

    public synchronized EventBridgeClient eventBridge() {
        return eventBridge = lazily(eventBridge, endpoint::eventBridge);
    }

    private <C extends SdkClient> C lazily(C existing, Supplier<C> build) {
        if (existing != null) {
            return existing;
        }
        C client = build.get();
        built.add(client);
        return client;
    }

    /** Called by JUnit when the root store closes; the server itself stops with the JVM. */
    @Override
    public synchronized void close() {
        built.forEach(SdkClient::close);
        built.clear();
        dynamoDb = null;
        secretsManager = null;
        eventBridge = null;
    }
}
