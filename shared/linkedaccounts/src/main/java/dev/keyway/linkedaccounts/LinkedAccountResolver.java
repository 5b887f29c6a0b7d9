package dev.keyway.linkedaccounts;

import dev.keyway.apps.App;
import dev.keyway.apps.AppRepository;
import dev.keyway.connectors.ConnectorCache;
import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.ConfigSource;
import dev.keyway.connectors.catalog.ConnectionConfigField;
import dev.keyway.connectors.catalog.Injection;
import dev.keyway.connectors.catalog.Provider;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.connectors.definition.ConnectorDefinition;
import dev.keyway.core.KeywayException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A linked account and everything needed to use it, for trusted code (resolve, proxy). A warm
 * call reads DynamoDB exactly once: the account. The connector comes from {@link ConnectorCache},
 * the app's local-mode flag (it never changes) from a per-container map, and the key set is
 * already cached by the cipher.
 */
@Singleton
public final class LinkedAccountResolver {
    private final LinkedAccountRepository accounts;
    private final ConnectorCache connectors;
    private final ProviderCatalog catalog;
    private final AppRepository apps;
    private final Map<String, Boolean> localModeByApp = new ConcurrentHashMap<>();

    @Inject
    public LinkedAccountResolver(LinkedAccountRepository accounts, ConnectorCache connectors, ProviderCatalog catalog,
                                 AppRepository apps) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.catalog = catalog;
        this.apps = apps;
    }

    /** @throws KeywayException 404 for an unknown account or another app's; 409 {@code needs_reauth} */
    public ResolvedAccount resolve(String appId, String linkedAccountId) {
        StoredAccount stored = accounts.findForApp(appId, linkedAccountId)
                .orElseThrow(() -> LinkedAccountRepository.notFound(linkedAccountId));
        return resolve(stored);
    }

    public ResolvedAccount resolve(StoredAccount stored) {
        LinkedAccount account = stored.account();
        return usable(account, () -> accounts.credentials(stored));
    }

    /** A stored account whatever its status: the periodic check verifies NEEDS_REAUTH and DEGRADED ones too. */
    ResolvedAccount resolveForCheck(StoredAccount stored) {
        LinkedAccount a = stored.account();
        LinkedAccount asUsable = a.status() == LinkedAccountStatus.NEEDS_REAUTH
                ? a.withHealth(LinkedAccountStatus.DEGRADED, a.statusReason(), a.nextDueAt(), a.failures(), a.updatedAt())
                : a;
        return usable(asUsable, () -> accounts.credentials(stored));
    }

    /** An account that is not stored yet (an import being verified), with its credentials. */
    ResolvedAccount candidate(LinkedAccount account, Credentials credentials) {
        return usable(account, () -> credentials);
    }

    private ResolvedAccount usable(LinkedAccount account, java.util.function.Supplier<Credentials> credentials) {
        if (account.status() == LinkedAccountStatus.NEEDS_REAUTH) {
            throw new KeywayException(409, "needs_reauth", "linked account " + account.id()
                    + " needs re-authentication" + (account.statusReason() == null ? "" : " (" + account.statusReason() + ")")
                    + ": create a connect session with linkedAccountId=" + account.id()
                    + " and send end user " + account.endUserId() + " through it");
        }
        ConnectorDefinition connector = connectors.find(account.appId(), account.connector())
                .orElseThrow(() -> new KeywayException(409, "connector_missing", "linked account " + account.id()
                        + " belongs to connector '" + account.connector() + "', which no longer exists"));
        AuthMethodDefinition method = connector.authMethod(account.authMethod())
                .orElseThrow(() -> new KeywayException(409, "auth_method_missing", "connector '" + account.connector()
                        + "' no longer has auth method '" + account.authMethod() + "'"));
        // A CUSTOM-only connector (a database) has no base URL: it is resolved, never proxied.
        String baseUrl = method.type() == AuthType.CUSTOM ? connector.baseUrl() : connector.resolvedBaseUrl(method.id(), catalog)
                .orElseThrow(() -> new KeywayException(409, "connector_has_no_base_url",
                        "connector '" + account.connector() + "' has no base URL for its auth method '" + method.id() + "'"));
        Map<String, String> defaultHeaders = connector.customProvider() ? Map.of()
                : catalog.find(connector.provider()).map(Provider::defaultHeaders).orElse(Map.of());
        Injection injection = method.inject() == null ? Injection.BEARER : method.inject();
        return new ResolvedAccount(account, credentials.get(), injection,
                baseUrl == null ? null : Placeholders.fill(baseUrl, account.connectionConfig()),
                defaultHeaders == null ? Map.of() : defaultHeaders,
                connector.customProvider() && localMode(account.appId()));
    }

    /** The connection-config fields a connector's URLs use: the catalog's, or a custom connector's own. */
    public List<ConnectionConfigField> connectionConfigFields(ConnectorDefinition connector) {
        if (connector.customProvider()) {
            return connector.connectionConfig();
        }
        return catalog.find(connector.provider()).map(Provider::connectionConfig).orElse(List.of());
    }

    /**
     * The values the end user types for this auth method: a custom connector's own fields, or the
     * catalog's USER_INPUT fields that this auth method's URLs use.
     */
    public List<ConnectionConfigField> userInputFields(ConnectorDefinition connector, AuthType type) {
        if (connector.customProvider()) {
            return connector.connectionConfig().stream().filter(f -> f.source() == ConfigSource.USER_INPUT).toList();
        }
        return catalog.find(connector.provider()).map(p -> p.userInputFields(type)).orElse(List.of());
    }

    /** True for a local-mode app (bin/dev's demo app), whose custom connectors may use loopback URLs. */
    public boolean localMode(String appId) {
        return localModeByApp.computeIfAbsent(appId, id -> apps.find(id).map(App::localMode).orElse(false));
    }
}
