package dev.keyway.connectors.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog entry: how a third-party API authenticates. Holds no credential.
 *
 * @param color    the brand colour, {@code #RRGGBB}, of the portal's letter badge
 * @param mcpTools curated tools an MCP server offers for connectors of this provider (beside the generic
 *                 {@code <connector>_request}); empty for most
 */
public record Provider(
        String key,
        String displayName,
        List<String> categories,
        String color,
        String docs,
        String baseUrl,
        Map<String, String> defaultHeaders,
        List<ConnectionConfigField> connectionConfig,
        Verification verification,
        List<ProviderAuthMethod> authMethods,
        List<McpToolTemplate> mcpTools) {

    public Provider {
        mcpTools = mcpTools == null ? List.of() : List.copyOf(mcpTools);
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

    /**
     * The USER_INPUT fields that a URL of the {@code type} auth method uses: exactly what the portal
     * asks the end user before it redirects to the provider or stores a key. Empty when the provider
     * has no such auth method.
     */
    public List<ConnectionConfigField> userInputFields(AuthType type) {
        if (authMethod(type).isEmpty()) {
            return List.of();
        }
        Set<String> used = new HashSet<>();
        urlsOf(type).forEach(url -> used.addAll(UrlRules.placeholders(url)));
        return connectionConfig.stream()
                .filter(f -> f.source() == ConfigSource.USER_INPUT && used.contains(f.name()))
                .toList();
    }

    /**
     * Every URL a {@code type} connection talks to: its base URL, its OAuth endpoints and, for the
     * OAuth types, the discovery URLs read after authorization.
     */
    List<String> urlsOf(AuthType type) {
        List<String> urls = new ArrayList<>();
        urls.add(baseUrlFor(type));
        authMethod(type).map(ProviderAuthMethod::oauth2).ifPresent(o -> {
            urls.add(o.authorizationUrl());
            urls.add(o.tokenUrl());
            urls.add(o.revocationUrl());
        });
        if (type.oauth()) {
            connectionConfig.stream().filter(f -> f.source() == ConfigSource.DISCOVERY)
                    .forEach(f -> urls.add(f.discoveryUrl()));
        }
        return urls.stream().filter(Objects::nonNull).toList();
    }
}
