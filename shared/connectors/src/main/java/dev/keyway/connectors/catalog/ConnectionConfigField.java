package dev.keyway.connectors.catalog;

/**
 * A non-secret value a linked account needs, such as a Shopify shop or a Salesforce instance URL,
 * substituted for {@code {name}} in URLs. A value must match {@code pattern} before it is used.
 *
 * @param param        the callback query parameter a CALLBACK_QUERY field is read from; null otherwise
 * @param defaultValue what the connection form offers for a USER_INPUT field (Microsoft's tenant
 *                     {@code common}); it matches {@code pattern}
 */
public record ConnectionConfigField(
        String name,
        String label,
        String help,
        ConfigSource source,
        String pattern,
        String pointer,
        String discoveryUrl,
        String example,
        String param,
        String defaultValue) {
}
