package dev.keyway.connectors.catalog;

/** Whether a provider's access tokens expire. */
public enum TokenExpiry {
    ALWAYS,
    NEVER,
    /** Depends on a setting of the OAuth client or of the grant: trust {@code expires_in}. */
    CONFIGURABLE
}
