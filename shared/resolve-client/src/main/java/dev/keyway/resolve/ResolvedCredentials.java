package dev.keyway.resolve;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A linked account's credentials as resolve returns them, and how to apply them. Hold it only
 * as long as the call to the provider takes; {@code toString} never prints a credential.
 *
 * @param credentials the raw fields (accessToken, apiKey, username, password, …)
 * @param apply       where the credential goes and its exact value, e.g. header Authorization = "Bearer …";
 *                    null for a CUSTOM auth method, whose fields are used directly
 * @param fields      a CUSTOM auth method's every field (secret and not) by name; null for other types
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolvedCredentials(String linkedAccountId, String connector, String authMethod, String authType,
                                  String endUserId, String status, List<String> scopes, String expiresAt,
                                  Map<String, String> connectionConfig, String baseUrl,
                                  Map<String, String> defaultHeaders, Map<String, String> credentials, Apply apply,
                                  Map<String, String> fields) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Apply(String in, String name, String prefix, String value) {
        @Override
        public String toString() {
            return "Apply[" + in + " " + name + "]";
        }
    }

    @Override
    public String toString() {
        return "ResolvedCredentials[" + linkedAccountId + ", " + connector + "/" + authMethod + "]";
    }
}
