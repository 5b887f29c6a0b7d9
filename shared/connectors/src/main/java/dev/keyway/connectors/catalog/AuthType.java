package dev.keyway.connectors.catalog;

/** How an end user's credentials are obtained; the names are part of the public contract. */
public enum AuthType {
    /** Authorization code grant (with PKCE where the provider supports it). */
    OAUTH2,
    /** Client credentials grant; the client id and secret belong to the linked account. */
    OAUTH2_CLIENT_CREDENTIALS,
    /**
     * JWT bearer grant (RFC 7523): the linked account holds a private key (a service account's);
     * Keyway signs an assertion and exchanges it for access tokens, again before each expiry.
     */
    JWT_BEARER,
    API_KEY,
    BASIC,
    /**
     * Mutual TLS: the linked account holds a client certificate and its private key, which the
     * proxy presents in the TLS handshake with the upstream (from memory, per call).
     */
    MTLS,
    /**
     * Fields the connector declares (a database's host, user and password; an SFTP key): secret
     * fields are encrypted, the others become connection config. Never proxied: resolve returns them.
     */
    CUSTOM;

    public boolean oauth() {
        return this == OAUTH2 || this == OAUTH2_CLIENT_CREDENTIALS || this == JWT_BEARER;
    }
}
