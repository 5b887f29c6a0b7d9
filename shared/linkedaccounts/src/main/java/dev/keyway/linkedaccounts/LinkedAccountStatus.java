package dev.keyway.linkedaccounts;

/** The health of a linked account, as every API response and event shows it. */
public enum LinkedAccountStatus {
    /** Healthy. */
    CONNECTED,
    /** Usable, but the last refresh or check failed transiently. */
    DEGRADED,
    /** Action needed: revoked, invalid_grant, scopes changed, credentials rejected. */
    NEEDS_REAUTH
}
