package dev.keyway.http;

import dev.keyway.core.KeywayException;
import java.util.Map;

/**
 * The contract between the authorizer and the functions behind it: the keys of the
 * authorizer's context and the 401 each failure code becomes.
 */
public final class AuthContext {
    public static final String APP_ID = "appId";
    public static final String KEY_ID = "keyId";
    public static final String AUTH_ERROR = "authError";

    public static final String MISSING_KEY = "missing_api_key";
    public static final String MALFORMED_KEY = "malformed_api_key";
    public static final String INVALID_KEY = "invalid_api_key";
    public static final String REVOKED_KEY = "revoked_api_key";
    /** The authorizer could not reach DynamoDB: a retryable 503, not a verdict on the key. */
    public static final String UNAVAILABLE = "authorization_unavailable";

    private static final Map<String, String> MESSAGES = Map.of(
            MISSING_KEY, "send your app's secret key as 'Authorization: Bearer sk_live_...'",
            MALFORMED_KEY, "the Authorization header is not 'Bearer sk_live_...' with a Keyway secret key",
            INVALID_KEY, "no app has this secret key",
            REVOKED_KEY, "this secret key was revoked; create a new one with 'bin/keyway keys create'");

    private AuthContext() {
    }

    public static KeywayException failure(String code) {
        if (UNAVAILABLE.equals(code)) {
            return new KeywayException(503, UNAVAILABLE, "could not check the secret key just now; retry with backoff");
        }
        String message = MESSAGES.get(code);
        return message == null
                ? KeywayException.unauthorized(INVALID_KEY, MESSAGES.get(INVALID_KEY))
                : KeywayException.unauthorized(code, message);
    }
}
