package dev.keyway.connectors.catalog;

/**
 * One way a provider lets its API be called. {@code baseUrl}, when set, replaces the provider's
 * for this auth method (Jira's basic auth talks to the site, its OAuth to the gateway).
 */
public record ProviderAuthMethod(
        AuthType type,
        String docs,
        String baseUrl,
        Injection inject,
        FieldLabels labels,
        OAuth2Settings oauth2) {

    /** The injection to use when a connector says nothing: the catalog's, else the type's usual one. */
    public Injection defaultInject() {
        if (inject != null) {
            return inject;
        }
        return type == AuthType.BASIC ? Injection.BASIC : Injection.BEARER;
    }
}
