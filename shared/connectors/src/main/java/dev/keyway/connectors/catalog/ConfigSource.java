package dev.keyway.connectors.catalog;

/** Where the value of a connection-config field comes from. */
public enum ConfigSource {
    /** Asked from the end user in the connection flow, when a URL of the chosen auth method uses it. */
    USER_INPUT,
    /** Read from the token response at the field's JSON pointer. */
    TOKEN_RESPONSE,
    /** Read at the field's JSON pointer from a GET to its discovery URL, made with the new access token. */
    DISCOVERY,
    /** Read from the query parameter {@code param} of the OAuth authorization callback (QuickBooks' realmId). */
    CALLBACK_QUERY
}
