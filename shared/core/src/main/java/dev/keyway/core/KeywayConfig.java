package dev.keyway.core;

import java.net.URI;
import java.util.Optional;

/**
 * Runtime settings, read from the environment that template.yaml gives each function.
 * A JVM system property of the same name wins, so the local runner can host every function
 * in one process without touching the process environment.
 */
public record KeywayConfig(
        String region,
        String tableName,
        String keySetSecretId,
        String eventBusName,
        Optional<URI> awsEndpoint) {

    public static final String TABLE = "KEYWAY_TABLE";
    public static final String KEY_SET_SECRET = "KEYWAY_KEY_SET_SECRET";
    public static final String EVENT_BUS = "KEYWAY_EVENT_BUS";
    /** Local AWS endpoint (moto, LocalStack); unset in AWS. */
    public static final String AWS_ENDPOINT = "KEYWAY_AWS_ENDPOINT";

    /**
     * The public base URL of the HTTP API ({@code https://connect.example.com}), read on every call:
     * OAuth redirect URIs and connect URLs are built from it. The local runner sets it to its own
     * address once it knows its port.
     */
    public static final String PUBLIC_URL = "KEYWAY_PUBLIC_URL";

    /** {@link #PUBLIC_URL} without a trailing slash; a 500 when it is not configured. */
    public static String publicBaseUrl() {
        String url = setting(PUBLIC_URL).orElseThrow(() -> new IllegalStateException(PUBLIC_URL + " is not set"));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static KeywayConfig fromEnvironment() {
        return new KeywayConfig(
                setting("AWS_REGION").orElse("us-east-1"),
                required(TABLE),
                required(KEY_SET_SECRET),
                setting(EVENT_BUS).orElse("default"),
                setting(AWS_ENDPOINT).map(URI::create));
    }

    public static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String required(String name) {
        // Fail the init phase loudly: a function without its table cannot do anything useful.
        return setting(name).orElseThrow(() -> new IllegalStateException("missing setting " + name));
    }
}
