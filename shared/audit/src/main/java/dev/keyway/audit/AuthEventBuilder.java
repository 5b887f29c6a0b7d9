package dev.keyway.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fills in the optional parts of an {@link AuthEvent}. */
public final class AuthEventBuilder {
    private final String id;
    private final String appId;
    private final String type;
    private final Instant occurredAt;
    private String linkedAccountId;
    private String endUserId;
    private String connector;
    private String actor;
    private final Map<String, String> details = new LinkedHashMap<>();

    AuthEventBuilder(String id, String appId, String type, Instant occurredAt) {
        this.id = id;
        this.appId = appId;
        this.type = type;
        this.occurredAt = occurredAt;
    }

    public AuthEventBuilder linkedAccount(String linkedAccountId, String endUserId) {
        this.linkedAccountId = linkedAccountId;
        this.endUserId = endUserId;
        return this;
    }

    public AuthEventBuilder connector(String connector) {
        this.connector = connector;
        return this;
    }

    /** Who caused it: an app key id, "admin-cli", "scheduler". */
    public AuthEventBuilder actor(String actor) {
        this.actor = actor;
        return this;
    }

    public AuthEventBuilder detail(String name, String value) {
        details.put(name, value);
        return this;
    }

    public AuthEvent build() {
        return new AuthEvent(id, appId, type, occurredAt, linkedAccountId, endUserId, connector, actor, details);
    }
}
