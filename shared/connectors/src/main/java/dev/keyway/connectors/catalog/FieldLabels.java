package dev.keyway.connectors.catalog;

/**
 * What the connection form shows for an API_KEY or BASIC auth method. Every part is optional;
 * the portal falls back to "API key", "Username" and "Password".
 */
public record FieldLabels(String apiKey, String username, String password, String help) {
    public static final int MAX_LABEL = 100;
    public static final int MAX_HELP = 500;
}
