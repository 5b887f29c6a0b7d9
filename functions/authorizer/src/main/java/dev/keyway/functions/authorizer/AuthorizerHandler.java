package dev.keyway.functions.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.keyway.apps.AppKeyAuthenticator;
import dev.keyway.http.AuthContext;
import dev.keyway.http.Log;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses): app secret key to app id.
 *
 * <p>It lets every request through to the function with either {@code appId} or an
 * {@code authError} code in the context, and the function answers the failure as Keyway's
 * JSON 401 ({@link dev.keyway.http.ApiRequest#appId()}). API Gateway's own denial is a bare
 * 403 that breaks the error contract every client codes against.
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private final AppKeyAuthenticator authenticator;

    public AuthorizerHandler() {
        this(DaggerAuthorizerComponent.create().authenticator());
    }

    AuthorizerHandler(AppKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        Map<String, Object> authContext;
        try {
            var outcome = authenticator.authenticate(authorization(event));
            authContext = outcome.authenticated()
                    ? Map.of(AuthContext.APP_ID, outcome.appId(), AuthContext.KEY_ID, outcome.keyId())
                    : Map.of(AuthContext.AUTH_ERROR, outcome.failure().code);
        } catch (SdkException e) {
            Log.error("authorizer_unavailable", Map.of("exception", e.getClass().getName()));
            authContext = Map.of(AuthContext.AUTH_ERROR, AuthContext.UNAVAILABLE);
        }
        return Map.of("isAuthorized", true, "context", authContext);
    }

    private static Optional<String> authorization(APIGatewayV2CustomAuthorizerEvent event) {
        if (event.getHeaders() == null) {
            return Optional.empty();
        }
        // API Gateway lower-cases header names for HTTP APIs; be lenient for other callers.
        return event.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("authorization"))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
