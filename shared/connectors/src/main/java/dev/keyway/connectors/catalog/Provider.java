package dev.keyway.connectors.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A catalog entry: how a third-party API authenticates. Holds no credential. */
public record Provider(
        String key,
        String displayName,
        List<String> categories,
        String docs,
        String baseUrl,
        Map<String, String> defaultHeaders,
        List<ConnectionConfigField> connectionConfig,
        Verification verification,
        List<ProviderAuthMethod> authMethods) {

    public Provider {
        categories = categories == null ? List.of() : List.copyOf(categories);
        defaultHeaders = OAuth2Settings.orderedCopy(defaultHeaders);
        connectionConfig = connectionConfig == null ? List.of() : List.copyOf(connectionConfig);
        authMethods = authMethods == null ? List.of() : List.copyOf(authMethods);
    }

    public Optional<ProviderAuthMethod> authMethod(AuthType type) {
        return authMethods.stream().filter(m -> m.type() == type).findFirst();
    }

    public Optional<ConnectionConfigField> configField(String name) {
        return connectionConfig.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The base URL calls made with {@code type} credentials go to. */
    public String baseUrlFor(AuthType type) {
        return authMethod(type).map(ProviderAuthMethod::baseUrl).orElse(baseUrl);
    }
}
