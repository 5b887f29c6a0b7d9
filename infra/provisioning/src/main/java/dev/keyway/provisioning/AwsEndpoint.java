package dev.keyway.provisioning;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where AWS is: a local server (moto, LocalStack) or, with a null {@code url}, the real
 * service endpoints of {@code region}. Every SDK client the tools and tests build comes from
 * here, so they all agree on endpoint, region and credentials.
 */
public record AwsEndpoint(URI url, String region, AwsCredentialsProvider credentials) {

    /** Local servers accept any key; moto maps this one to its default account 123456789012. */
    public static final String LOCAL_KEY = "testing";
    public static final String DEFAULT_REGION = "us-east-1";

    public AwsEndpoint {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** A local server with the conventional fake credentials. */
    public static AwsEndpoint local(URI url, String region) {
        return new AwsEndpoint(Objects.requireNonNull(url, "url"), region,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_KEY, LOCAL_KEY)));
    }

    public static AwsEndpoint local(URI url) {
        return local(url, DEFAULT_REGION);
    }

    /** The real AWS account the default credential chain points at. */
    public static AwsEndpoint aws(String region) {
        return new AwsEndpoint(null, region, DefaultCredentialsProvider.builder().build());
    }

    public boolean isLocal() {
        return url != null;
    }

    /**
     * Applies endpoint, region, credentials and the light URL-connection HTTP client to any
     * service's builder, e.g. {@code endpoint.configure(DynamoDbStreamsClient.builder()).build()}.
     */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (url != null) {
            builder.endpointOverride(url);
        }
        return builder;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder()).build();
    }
}
