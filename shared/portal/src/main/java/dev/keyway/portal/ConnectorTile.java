package dev.keyway.portal;

/**
 * A connector as the portal shows it.
 *
 * @param key         the connector key, e.g. {@code "github"}
 * @param displayName the name shown to the end user, e.g. {@code "GitHub"}
 * @param color       brand colour {@code #RRGGBB} for the letter badge; null or malformed gives neutral grey
 * @param description one short line under the name (e.g. categories), may be null
 * @param href        where the tile links; only http(s) and relative URLs are emitted
 */
public record ConnectorTile(String key, String displayName, String color, String description, String href) {}
