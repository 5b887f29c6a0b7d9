package dev.keyway.audit;

/** Every auth-log event type, one name per event everywhere (log, EventBridge, docs). */
public final class AuthEventTypes {
    public static final String APP_CREATED = "app.created";
    public static final String APP_KEY_CREATED = "app_key.created";
    public static final String APP_KEY_REVOKED = "app_key.revoked";
    public static final String CONNECTOR_SAVED = "connector.saved";
    public static final String CONNECTOR_DELETED = "connector.deleted";

    private AuthEventTypes() {
    }
}
