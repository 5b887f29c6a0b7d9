package dev.keyway.apps;

import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** {@code Authorization: Bearer sk_…} to the app it belongs to, or the reason it does not. */
@Singleton
public final class AppKeyAuthenticator {
    /** Either an app and key id, or a failure code; never both. */
    public record Outcome(String appId, String keyId, Failure failure) {
        static Outcome ok(AppKey key) {
            return new Outcome(key.appId(), key.keyId(), null);
        }

        static Outcome failed(Failure failure) {
            return new Outcome(null, null, failure);
        }

        public boolean authenticated() {
            return failure == null;
        }
    }

    public enum Failure {
        MISSING("missing_api_key"), MALFORMED("malformed_api_key"), UNKNOWN("invalid_api_key"),
        REVOKED("revoked_api_key");

        public final String code;

        Failure(String code) {
            this.code = code;
        }
    }

    private static final String BEARER = "bearer ";
    private final AppRepository apps;

    @Inject
    public AppKeyAuthenticator(AppRepository apps) {
        this.apps = apps;
    }

    public Outcome authenticate(Optional<String> authorizationHeader) {
        if (authorizationHeader.isEmpty() || authorizationHeader.get().isBlank()) {
            return Outcome.failed(Failure.MISSING);
        }
        String header = authorizationHeader.get().trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Outcome.failed(Failure.MALFORMED);
        }
        String key = header.substring(BEARER.length()).trim();
        // The format check costs nothing and spares DynamoDB a read for garbage.
        if (!SecretKeys.isWellFormed(key)) {
            return Outcome.failed(Failure.MALFORMED);
        }
        return apps.findKeyByHash(SecretKeys.hash(key))
                .map(found -> found.status() == AppKey.Status.ACTIVE
                        ? Outcome.ok(found) : Outcome.failed(Failure.REVOKED))
                .orElseGet(() -> Outcome.failed(Failure.UNKNOWN));
    }
}
