package dev.keyway.apps;

import java.time.Instant;

/** An app secret key as stored: its hash's owner, never the key itself. */
public record AppKey(String keyId, String appId, String hint, Status status, Instant createdAt, Instant revokedAt) {
    public enum Status { ACTIVE, REVOKED }
}
