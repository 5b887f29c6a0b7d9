package dev.keyway.apps;

import java.time.Instant;

/**
 * A tenant. {@code localMode} marks a development app (the one {@code bin/dev} seeds): only it
 * may point connectors at {@code http://127.0.0.1} servers.
 */
public record App(String id, String name, boolean localMode, Instant createdAt) {
}
