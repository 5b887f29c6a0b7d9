package dev.keyway.apps;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Ids;
import dev.keyway.core.KeywayException;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Creating apps and issuing/revoking their secret keys (the admin CLI's work). */
@Singleton
public final class AppAdminService {
    /** A key as it is shown exactly once, at creation. */
    public record IssuedKey(String keyId, String appId, String secretKey) {
        @Override
        public String toString() {
            return "IssuedKey[keyId=" + keyId + ", appId=" + appId + "]";
        }
    }

    private final KeywayTable table;
    private final AppRepository apps;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public AppAdminService(KeywayTable table, AppRepository apps, AuthLog authLog, Clock clock) {
        this.table = table;
        this.apps = apps;
        this.authLog = authLog;
        this.clock = clock;
    }

    public App createApp(String name, boolean localMode, String actor) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw KeywayException.invalid("name: 1 to 100 characters");
        }
        App app = new App(Ids.newId("app"), name.strip(), localMode, clock.instant(), List.of());
        var event = authLog.event(app.id(), AuthEventTypes.APP_CREATED).actor(actor)
                .detail("localMode", Boolean.toString(localMode)).build();
        Transactions.write(table, List.of(apps.putApp(app), authLog.entry(event)));
        return app;
    }

    public IssuedKey createKey(String appId, String actor) {
        App app = apps.find(appId).orElseThrow(() -> KeywayException.notFound("no app " + appId));
        String secret = SecretKeys.generate(app.localMode());
        Instant now = clock.instant();
        AppKey key = new AppKey(Ids.newId("key"), appId, SecretKeys.hint(secret), AppKey.Status.ACTIVE, now, null);
        var event = authLog.event(appId, AuthEventTypes.APP_KEY_CREATED).actor(actor)
                .detail("keyId", key.keyId()).build();
        try {
            Transactions.write(table, List.of(
                    apps.appExists(appId), apps.putKey(SecretKeys.hash(secret), key), authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.notFound("no app " + appId);
        }
        return new IssuedKey(key.keyId(), appId, secret);
    }

    public void revokeKey(String appId, String keyId, String actor) {
        String hash = apps.hashOf(appId, keyId)
                .orElseThrow(() -> KeywayException.notFound("app " + appId + " has no key " + keyId));
        var event = authLog.event(appId, AuthEventTypes.APP_KEY_REVOKED).actor(actor).detail("keyId", keyId).build();
        try {
            Transactions.write(table, List.of(apps.revokeKey(hash, appId, clock.instant()), authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.conflict("key " + keyId + " is already revoked");
        }
    }

    /** Replaces the app's allowed origins (each checked by {@link AllowedOrigins#parse}) and answers the app. */
    public App setAllowedOrigins(String appId, List<String> origins, String actor) {
        App app = apps.find(appId).orElseThrow(() -> KeywayException.notFound("no app " + appId));
        List<String> checked = AllowedOrigins.parse(origins, app.localMode());
        var event = authLog.event(appId, AuthEventTypes.APP_SETTINGS_CHANGED).actor(actor)
                .detail("allowedOrigins", String.join(" ", checked)).build();
        try {
            Transactions.write(table, List.of(apps.setAllowedOrigins(appId, checked), authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.notFound("no app " + appId);
        }
        return new App(app.id(), app.name(), app.localMode(), app.createdAt(), checked);
    }

    public List<AppKey> keys(String appId) {
        return apps.keys(appId);
    }
}
