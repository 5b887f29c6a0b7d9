package dev.keyway.apps;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/** {@code GET|PATCH /v1/settings}: the app's own settings (today: its allowed web origins). */
@Singleton
public final class AppSettingsService {
    /** What the API shows of an app. */
    public record Settings(String appId, String name, boolean localMode, List<String> allowedOrigins) {
        static Settings of(App app) {
            return new Settings(app.id(), app.name(), app.localMode(), app.allowedOrigins());
        }
    }

    record Patch(List<String> allowedOrigins) {
    }

    private final AppRepository apps;
    private final AppAdminService admin;

    @Inject
    public AppSettingsService(AppRepository apps, AppAdminService admin) {
        this.apps = apps;
        this.admin = admin;
    }

    public Settings get(String appId) {
        return Settings.of(apps.find(appId).orElseThrow(() -> KeywayException.notFound("no app " + appId)));
    }

    public Settings patch(String appId, String body, String actor) {
        Patch patch;
        try {
            patch = Json.mapper().readValue(body, Patch.class);
        } catch (UnrecognizedPropertyException e) {
            throw KeywayException.invalid(e.getPropertyName() + ": unknown field; settings has allowedOrigins");
        } catch (JacksonException e) {
            throw KeywayException.invalid("body: expected {\"allowedOrigins\": [\"https://app.example.com\"]}");
        }
        if (patch == null || patch.allowedOrigins() == null) {
            throw KeywayException.invalid("allowedOrigins: required, a list of origins such as https://app.example.com");
        }
        return Settings.of(admin.setAllowedOrigins(appId, patch.allowedOrigins(), actor));
    }
}
