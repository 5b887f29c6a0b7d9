package dev.keyway.connectors.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for scopes and extra authorization parameters, shared by the catalog and connector definitions. */
public final class OAuth2Rules {
    public static final int MAX_SCOPES = 100;
    public static final int MAX_SCOPE_LENGTH = 256;
    public static final int MAX_PARAMS = 20;
    public static final int MAX_PARAM_VALUE = 512;
    public static final Set<String> SCOPE_SEPARATORS = Set.of(" ", ",");
    /** Set by the flow itself, per request: a connector must not fix them. */
    public static final Set<String> RESERVED_AUTHORIZATION_PARAMS = Set.of(
            "response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge",
            "code_challenge_method", "nonce", "client_secret");
    private static final Pattern PARAM_NAME = Pattern.compile("^[A-Za-z0-9._~-]{1,64}$");

    private OAuth2Rules() {
    }

    /** A problem with a scope list, as "[i]: reason" or ": reason"; empty when the list is fine. */
    public static Optional<String> scopesProblem(List<String> scopes, String separator) {
        if (scopes.size() > MAX_SCOPES) {
            return Optional.of(": at most " + MAX_SCOPES + " scopes");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            String at = "[" + i + "]: ";
            if (scope == null || scope.isEmpty() || scope.isBlank()) {
                return Optional.of(at + "must not be blank");
            }
            if (scope.length() > MAX_SCOPE_LENGTH) {
                return Optional.of(at + "at most " + MAX_SCOPE_LENGTH + " characters");
            }
            for (int c = 0; c < scope.length(); c++) {
                char ch = scope.charAt(c);
                if (Character.isWhitespace(ch) || Character.isISOControl(ch)) {
                    return Optional.of(at + "must not contain spaces or control characters");
                }
            }
            if (separator != null && !separator.isBlank() && scope.contains(separator)) {
                return Optional.of(at + "must not contain the scope separator '" + separator + "'");
            }
            if (!seen.add(scope)) {
                return Optional.of(at + "duplicate scope");
            }
        }
        return Optional.empty();
    }

    /** A problem with extra authorization parameters, as ".name: reason" or ": reason"; empty when fine. */
    public static Optional<String> authorizationParamsProblem(Map<String, String> params) {
        if (params.size() > MAX_PARAMS) {
            return Optional.of(": at most " + MAX_PARAMS + " parameters");
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            if (!PARAM_NAME.matcher(name).matches()) {
                return Optional.of(": parameter names use letters, digits, '.', '_', '~', '-' (at most 64)");
            }
            if (RESERVED_AUTHORIZATION_PARAMS.contains(name)) {
                return Optional.of("." + name + ": set by the connection flow, not by the connector");
            }
            String value = e.getValue();
            if (value == null) {
                return Optional.of("." + name + ": must be a string");
            }
            if (value.length() > MAX_PARAM_VALUE) {
                return Optional.of("." + name + ": at most " + MAX_PARAM_VALUE + " characters");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                return Optional.of("." + name + ": must not contain control characters");
            }
        }
        return Optional.empty();
    }
}
