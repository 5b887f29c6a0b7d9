package dev.keyway.connectors.catalog;

/**
 * A non-secret value a linked account needs, such as a Shopify shop or a Salesforce instance URL,
 * substituted for {@code {name}} in URLs. A value must match {@code pattern} before it is used.
 */
public record ConnectionConfigField(
        String name,
        String label,
        String help,
        ConfigSource source,
        String pattern,
        String pointer,
        String discoveryUrl,
        String example) {
}
