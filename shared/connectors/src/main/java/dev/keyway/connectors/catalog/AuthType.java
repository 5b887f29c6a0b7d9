package dev.keyway.connectors.catalog;

/** How an end user's credentials are obtained; the names are part of the public contract. */
public enum AuthType {
    /** Authorization code grant (with PKCE where the provider supports it). */
    OAUTH2,
    /** Client credentials grant; the client id and secret belong to the linked account. */
    OAUTH2_CLIENT_CREDENTIALS,
    API_KEY,
    BASIC;

    public boolean oauth() {
        return this == OAUTH2 || this == OAUTH2_CLIENT_CREDENTIALS;
    }
}
