package dev.keyway.local;

import dev.keyway.apps.AppKeyAuthenticator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The demo app (local mode) and a demo connector, so a newcomer has something to call at once.
 * The demo key is kept in {@code .keyway/demo-key} (git-ignored) and reused while the local
 * endpoint still knows it; a fresh endpoint gets a fresh app and key.
 */
final class DemoSeed {
    static final String ACTOR = "local-runner";
    static final String CONNECTOR_KEY = "demo-crm";

    record Demo(String appId, String secretKey, boolean created) {
    }

    private DemoSeed() {
    }

    static Demo ensure(LocalComponent services, Path stateDir) throws IOException {
        Path keyFile = stateDir.resolve("demo-key");
        Optional<String> saved = Files.exists(keyFile) ? Optional.of(Files.readString(keyFile).strip()) : Optional.empty();
        if (saved.isPresent()) {
            var outcome = services.authenticator().authenticate(Optional.of("Bearer " + saved.get()));
            if (outcome.authenticated()) {
                return new Demo(outcome.appId(), saved.get(), false);
            }
        }
        var app = services.apps().createApp("Keyway demo", true, ACTOR);
        var key = services.apps().createKey(app.id(), ACTOR);
        services.connectors().put(app.id(), CONNECTOR_KEY, demoConnector(), ACTOR);
        Files.createDirectories(stateDir);
        Files.writeString(keyFile, key.secretKey() + "\n");
        keyFile.toFile().setReadable(false, false);
        keyFile.toFile().setReadable(true, true);
        return new Demo(app.id(), key.secretKey(), true);
    }

    /** A custom API with an API-key and a basic auth method, pointing at a loopback server. */
    static String demoConnector() {
        return """
                {"provider": "custom",
                 "displayName": "Demo CRM",
                 "baseUrl": "http://127.0.0.1:3000/demo",
                 "authMethods": [
                   {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}},
                   {"id": "basic", "type": "BASIC"}]}
                """;
    }
}
