package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.AuthType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A linked account's secret material, one shape per auth type. It exists decrypted only inside
 * trusted code (resolve, proxy, refresh); {@code toString} never prints a value. Stored as the
 * item's encrypted {@code secrets} map, one entry per field.
 */
public sealed interface Credentials {
    AuthType type();

    /** Field name to plaintext, for encryption; absent fields are left out. */
    Map<String, String> fields();

    /** Every secret value, for redacting them from whatever an upstream sends back. */
    default java.util.Collection<String> secretValues() {
        return fields().values();
    }

    record OAuth2(String accessToken, String refreshToken) implements Credentials {
        public AuthType type() {
            return AuthType.OAUTH2;
        }

        public Map<String, String> fields() {
            return of("accessToken", accessToken, "refreshToken", refreshToken);
        }

        @Override
        public String toString() {
            return "OAuth2[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + "]";
        }
    }

    record ApiKey(String apiKey) implements Credentials {
        public AuthType type() {
            return AuthType.API_KEY;
        }

        public Map<String, String> fields() {
            return of("apiKey", apiKey);
        }

        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }

    record Basic(String username, String password) implements Credentials {
        public AuthType type() {
            return AuthType.BASIC;
        }

        public Map<String, String> fields() {
            return of("username", username, "password", password);
        }

        @Override
        public String toString() {
            return "Basic[***]";
        }
    }

    /** Client credentials, plus the access token last obtained with them (if any). */
    record ClientCredentials(String clientId, String clientSecret, String accessToken) implements Credentials {
        public AuthType type() {
            return AuthType.OAUTH2_CLIENT_CREDENTIALS;
        }

        public Map<String, String> fields() {
            return of("clientId", clientId, "clientSecret", clientSecret, "accessToken", accessToken);
        }

        @Override
        public String toString() {
            return "ClientCredentials[***]";
        }
    }

    /**
     * A service account's key for the JWT bearer grant: the PEM private key, who the assertion is
     * from ({@code issuer}: a client id or service-account e-mail) and for ({@code subject}, when it
     * differs: a Salesforce user, a Google user impersonated), plus the access token last obtained.
     */
    record JwtBearer(String privateKey, String issuer, String subject, String keyId, String accessToken)
            implements Credentials {
        public AuthType type() {
            return AuthType.JWT_BEARER;
        }

        public Map<String, String> fields() {
            return of("privateKey", privateKey, "issuer", issuer, "subject", subject, "keyId", keyId,
                    "accessToken", accessToken);
        }

        /** The issuer and subject are not secret; redacting them from upstream answers would only garble those. */
        @Override
        public java.util.Collection<String> secretValues() {
            return accessToken == null ? java.util.List.of(privateKey) : java.util.List.of(privateKey, accessToken);
        }

        JwtBearer withAccessToken(String token) {
            return new JwtBearer(privateKey, issuer, subject, keyId, token);
        }

        @Override
        public String toString() {
            return "JwtBearer[issuer=" + issuer + ", ***]";
        }
    }

    /** A client certificate chain (PEM), its PKCS#8 private key, and optionally the private CA the upstream uses. */
    record ClientCertificate(String certificate, String privateKey, String trustedCa) implements Credentials {
        public AuthType type() {
            return AuthType.MTLS;
        }

        public Map<String, String> fields() {
            return of("certificate", certificate, "privateKey", privateKey, "trustedCa", trustedCa);
        }

        /** Certificates are public; only the key is redacted from what upstreams send back. */
        @Override
        public java.util.Collection<String> secretValues() {
            return java.util.List.of(privateKey);
        }

        @Override
        public String toString() {
            return "ClientCertificate[***]";
        }
    }

    /** The secret fields of a CUSTOM auth method's schema, by field name (its other fields are connection config). */
    record Custom(Map<String, String> values) implements Credentials {
        public Custom {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public AuthType type() {
            return AuthType.CUSTOM;
        }

        public Map<String, String> fields() {
            return values;
        }

        @Override
        public String toString() {
            return "Custom" + values.keySet() + "[***]";
        }
    }

    /** Rebuilds credentials from decrypted fields. */
    static Credentials from(AuthType type, Map<String, String> fields) {
        return switch (type) {
            case OAUTH2 -> new OAuth2(fields.get("accessToken"), fields.get("refreshToken"));
            case API_KEY -> new ApiKey(fields.get("apiKey"));
            case BASIC -> new Basic(fields.get("username"), fields.get("password"));
            case OAUTH2_CLIENT_CREDENTIALS -> new ClientCredentials(fields.get("clientId"),
                    fields.get("clientSecret"), fields.get("accessToken"));
            case CUSTOM -> new Custom(fields);
            case MTLS -> new ClientCertificate(fields.get("certificate"), fields.get("privateKey"), fields.get("trustedCa"));
            case JWT_BEARER -> new JwtBearer(fields.get("privateKey"), fields.get("issuer"), fields.get("subject"),
                    fields.get("keyId"), fields.get("accessToken"));
        };
    }

    private static Map<String, String> of(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                map.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return map;
    }
}
