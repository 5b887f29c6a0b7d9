package dev.keyway.connectors.definition;

import dev.keyway.connectors.catalog.ConnectionConfigField;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.Provider;
import dev.keyway.connectors.catalog.ProviderAuthMethod;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.catalog.Verification;
import java.util.List;
import java.util.Optional;

/**
 * An app's connector: which provider (a catalog key or {@code custom}), how it looks, and its auth
 * methods. It never holds a client secret, so its {@code toString} and JSON are safe to log and store.
 *
 * @param baseUrl          the API base URL of a custom connector; null for catalog providers
 * @param connectionConfig the fields a custom connector's URLs use; empty for catalog providers
 * @param verification     a custom connector's own verification call; null for catalog providers
 *                         (theirs is in the catalog, see {@link #verification(ProviderCatalog)})
 */
public record ConnectorDefinition(
        String key,
        String provider,
        String displayName,
        String baseUrl,
        List<ConnectionConfigField> connectionConfig,
        List<AuthMethodDefinition> authMethods,
        Verification verification) {

    public ConnectorDefinition {
        connectionConfig = connectionConfig == null ? List.of() : List.copyOf(connectionConfig);
        authMethods = authMethods == null ? List.of() : List.copyOf(authMethods);
    }

    public Optional<AuthMethodDefinition> authMethod(String id) {
        return authMethods.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The cheap authenticated call that tells whether credentials work: the connector's own, or the catalog's. */
    public Optional<Verification> verification(ProviderCatalog catalog) {
        return customProvider() ? Optional.ofNullable(verification)
                : catalog.find(provider).map(Provider::verification);
    }

    /** True when the connector brings its own URLs instead of using a catalog provider. */
    public boolean customProvider() {
        return ProviderCatalog.CUSTOM.equals(provider);
    }

    /**
     * The OAuth settings that apply to an auth method: the custom ones, or the catalog's with the
     * connector's authorization parameters laid over them. Empty for non-OAuth auth methods.
     */
    public Optional<OAuth2Settings> oauth2(String authMethodId, ProviderCatalog catalog) {
        return authMethod(authMethodId).filter(m -> m.type().oauth()).flatMap(m -> {
            OAuth2Settings base = customProvider() ? m.oauth2() : catalogMethod(catalog, m).map(ProviderAuthMethod::oauth2).orElse(null);
            return Optional.ofNullable(base).map(o -> o.withAuthorizationParams(m.authorizationParams()));
        });
    }

    /** The base URL (possibly with placeholders) calls with this auth method's credentials go to. */
    public Optional<String> resolvedBaseUrl(String authMethodId, ProviderCatalog catalog) {
        return authMethod(authMethodId).map(m -> customProvider()
                ? baseUrl
                : catalog.find(provider).map(p -> p.baseUrlFor(m.type())).orElse(null));
    }

    private Optional<ProviderAuthMethod> catalogMethod(ProviderCatalog catalog, AuthMethodDefinition m) {
        return catalog.find(provider).flatMap((Provider p) -> p.authMethod(m.type()));
    }
}
