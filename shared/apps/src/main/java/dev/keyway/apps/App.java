package dev.keyway.apps;

import java.time.Instant;
import java.util.List;

/**
 * A tenant. {@code localMode} marks a development app (the one {@code bin/dev} seeds): only it
 * may point connectors at {@code http://127.0.0.1} servers.
 *
 * @param allowedOrigins the app's own web origins ({@code https://app.example.com}): where a connect
 *                       session's returnUrl may lead, which pages may embed the portal, and which
 *                       opener a popup flow reports its result to (see {@link AllowedOrigins})
 */
public record App(String id, String name, boolean localMode, Instant createdAt, List<String> allowedOrigins) {
    public App {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
