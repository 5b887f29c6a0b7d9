package dev.keyway.local;

import dev.keyway.apps.AppKeyAuthenticator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The demo app (local mode) and a demo connector, so a newcomer has something to call at once.
 * The demo key is kept in {@code .keyway/demo-key} (git-ignored) and reused while the local
 * endpoint still knows it; a fresh endpoint gets a fresh app and key.
 */
final class DemoSeed {
    static final String ACTOR = "local-runner";
    static final String CONNECTOR_KEY = "demo-crm";
    static final String OAUTH_CONNECTOR_KEY = "demo-oauth";
    static final String END_USER = "demo-user";

    record Demo(String appId, String secretKey, boolean created, String connectUrl) {
    }

    private DemoSeed() {
    }

    /**
     * The demo app, its key, connectors that work against {@code provider} (a real OAuth server on
     * loopback) and a fresh connect link for a demo end user. Connectors are written on every start,
     * so they follow the ports of this run.
     */
    static Demo ensure(LocalComponent services, Path stateDir, String apiBaseUrl, DemoProvider provider)
            throws IOException {
        Demo demo = ensureApp(services, stateDir);
        services.apps().setAllowedOrigins(demo.appId(), List.of(apiBaseUrl, apiBaseUrl.replace("127.0.0.1", "localhost")),
                ACTOR);
        services.connectors().put(demo.appId(), CONNECTOR_KEY, demoConnector(apiBaseUrl), ACTOR);
        services.connectors().put(demo.appId(), OAUTH_CONNECTOR_KEY, provider.connectorBody(), ACTOR);
        var session = services.connectSessions().create(demo.appId(),
                "{\"endUserId\": \"" + END_USER + "\"}", ACTOR);
        return new Demo(demo.appId(), demo.secretKey(), demo.created(), session.connectUrl());
    }

    private static Demo ensureApp(LocalComponent services, Path stateDir) throws IOException {
        Path keyFile = stateDir.resolve("demo-key");
        Optional<String> saved = Files.exists(keyFile) ? Optional.of(Files.readString(keyFile).strip()) : Optional.empty();
        if (saved.isPresent()) {
            var outcome = services.authenticator().authenticate(Optional.of("Bearer " + saved.get()));
            if (outcome.authenticated()) {
                return new Demo(outcome.appId(), saved.get(), false, null);
            }
        }
        var app = services.apps().createApp("Keyway demo", true, ACTOR);
        var key = services.apps().createKey(app.id(), ACTOR);
        Files.createDirectories(stateDir);
        Files.writeString(keyFile, key.secretKey() + "\n");
        keyFile.toFile().setReadable(false, false);
        keyFile.toFile().setReadable(true, true);
        return new Demo(app.id(), key.secretKey(), true, null);
    }

    /** A custom API with an API-key and a basic auth method, pointing at a loopback server. */
    static String demoConnector(String apiBaseUrl) {
        return """
                {"provider": "custom",
                 "displayName": "Demo CRM",
                 "baseUrl": "%s/demo",
                 "authMethods": [
                   {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}},
                   {"id": "basic", "type": "BASIC"}]}
                """.formatted(apiBaseUrl);
    }
}
