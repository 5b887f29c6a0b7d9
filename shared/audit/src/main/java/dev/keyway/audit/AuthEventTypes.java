package dev.keyway.audit;

/** Every auth-log event type, one name per event everywhere (log, EventBridge, docs). */
public final class AuthEventTypes {
    public static final String APP_CREATED = "app.created";
    public static final String APP_KEY_CREATED = "app_key.created";
    public static final String APP_KEY_REVOKED = "app_key.revoked";
    /** The app's auth-log retention ({@code logRetentionDays}) was changed. */
    public static final String APP_LOG_RETENTION_CHANGED = "app.log_retention_changed";
    /** The app's settings (allowed origins) were changed; {@code details.allowedOrigins}. */
    public static final String APP_SETTINGS_CHANGED = "app.settings_changed";
    public static final String CONNECTOR_SAVED = "connector.saved";
    public static final String CONNECTOR_DELETED = "connector.deleted";
    /** A linked account created by an import. */
    public static final String LINKED_ACCOUNT_IMPORTED = "linked_account.imported";
    /** An existing linked account's credentials replaced by a repeated import. */
    public static final String LINKED_ACCOUNT_UPDATED = "linked_account.updated";
    public static final String LINKED_ACCOUNT_DELETED = "linked_account.deleted";
    /** The provider confirmed it revoked the account's token (RFC 7009). */
    public static final String LINKED_ACCOUNT_REVOKED = "linked_account.revoked";
    /** Revocation at the provider failed; it is retried, the delete went ahead. */
    public static final String LINKED_ACCOUNT_REVOCATION_FAILED = "linked_account.revocation_failed";
    /** Import with verify: the provider rejected the credentials; nothing was stored. */
    public static final String LINKED_ACCOUNT_VERIFY_FAILED = "linked_account.verify_failed";

    /** An app backend minted a connect session for an end user. */
    public static final String CONNECT_SESSION_CREATED = "connect_session.created";
    /** An end user linked an account through a connection flow (portal form, OAuth, client credentials). */
    public static final String LINKED_ACCOUNT_CONNECTED = "linked_account.connected";
    /** A reconnect flow replaced an existing linked account's credentials; the id stays. */
    public static final String LINKED_ACCOUNT_RECONNECTED = "linked_account.reconnected";
    /** The end user declined at the provider (OAuth error=access_denied). */
    public static final String CONNECT_DENIED = "connect.denied";
    /** A connection flow failed at the provider: an error on the callback or from the token endpoint. */
    public static final String CONNECT_FAILED = "connect.failed";

    /** A refresh gave new tokens (or a check passed after a failure: see RECOVERED). */
    public static final String LINKED_ACCOUNT_REFRESHED = "linked_account.refreshed";
    /** A refresh or check failed again while the account was already DEGRADED; retried with backoff. */
    public static final String LINKED_ACCOUNT_REFRESH_FAILED = "linked_account.refresh_failed";
    /** A refresh or check failed transiently: still usable (or expired, statusReason says), retried with backoff. */
    public static final String LINKED_ACCOUNT_DEGRADED = "linked_account.degraded";
    /** Back to CONNECTED after DEGRADED or NEEDS_REAUTH, by a refresh or a check. */
    public static final String LINKED_ACCOUNT_RECOVERED = "linked_account.recovered";
    /** The provider refused the grant or the credentials: the end user must reconnect; no more retries. */
    public static final String LINKED_ACCOUNT_NEEDS_REAUTH = "linked_account.needs_reauth";

    /** An app created an MCP server for an end user; {@code details.mcpServerId}, {@code details.connectors}. */
    public static final String MCP_SERVER_CREATED = "mcp_server.created";
    /** An MCP server was deleted: its URL stops working at once. */
    public static final String MCP_SERVER_REVOKED = "mcp_server.revoked";
    /** An MCP server got a new token; the old URL stops working at once. */
    public static final String MCP_SERVER_TOKEN_ROTATED = "mcp_server.token_rotated";
    /** A tool call found no usable linked account and answered with a connect (or reconnect) link. */
    public static final String MCP_CONNECTION_REQUIRED = "mcp.connection_required";
    /** The end user connected through a link an MCP tool call gave; recorded by the server's next call for that connector. */
    public static final String MCP_CONNECTED_FROM_LINK = "mcp.connected_from_link";

    private AuthEventTypes() {
    }
}
