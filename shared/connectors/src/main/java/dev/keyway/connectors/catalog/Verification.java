package dev.keyway.connectors.catalog;

/** A cheap authenticated call that succeeds only with valid credentials; path is relative to the base URL. */
public record Verification(String method, String path, String body) {
}
