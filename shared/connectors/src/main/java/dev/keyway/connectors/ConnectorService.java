package dev.keyway.connectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.keyway.apps.App;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.connectors.catalog.Provider;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.connectors.definition.ConnectorDefinition;
import dev.keyway.connectors.definition.ConnectorDefinitionParser;
import dev.keyway.connectors.definition.ConnectorView;
import dev.keyway.connectors.definition.ParsedConnector;
import dev.keyway.core.KeywayException;
import dev.keyway.core.PageSize;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * App settings: an app's connectors and their auth methods. Client secrets are encrypted on
 * the way in and never come back out of this service's public results; a PUT that omits an
 * auth method's client secret keeps the stored one, so read-modify-write clients work.
 */
@Singleton
public final class ConnectorService {
    /** A connector as the API shows it. */
    public record ConnectorResponse(@JsonUnwrapped ConnectorView connector, String createdAt, String updatedAt) {
    }

    /**
     * @param addedScopes per OAuth auth method id, the scopes this change asked for that the previous
     *                    version did not: linked accounts without them must reconnect
     */
    public record Saved(ConnectorResponse connector, boolean created, Map<String, List<String>> addedScopes) {
    }

    /** The contract's list envelope; {@code nextCursor} is present even when null (last page). */
    public record Listing<T>(List<T> data, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    private final KeywayTable table;
    private final ConnectorRepository connectors;
    private final AppRepository apps;
    private final ConnectorDefinitionParser parser;
    private final ProviderCatalog catalog;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public ConnectorService(KeywayTable table, ConnectorRepository connectors, AppRepository apps,
                            ConnectorDefinitionParser parser, ProviderCatalog catalog, AuthLog authLog, Clock clock) {
        this.table = table;
        this.connectors = connectors;
        this.apps = apps;
        this.parser = parser;
        this.catalog = catalog;
        this.authLog = authLog;
        this.clock = clock;
    }

    public Saved put(String appId, String connectorKey, String body, String actor) {
        App app = apps.find(appId).orElseThrow(() -> KeywayException.notFound("no app " + appId));
        Optional<StoredConnector> previous = connectors.find(appId, connectorKey);
        ParsedConnector parsed = parser.parse(connectorKey, body, app.localMode(),
                previous.map(StoredConnector::authMethodsWithSecret).orElse(java.util.Set.of()));
        Map<String, String> secrets = clientSecrets(parsed, previous);
        Instant now = clock.instant();
        var event = authLog.event(appId, AuthEventTypes.CONNECTOR_SAVED).connector(connectorKey).actor(actor)
                .detail("created", Boolean.toString(previous.isEmpty()))
                .detail("authMethods", parsed.definition().authMethods().stream()
                        .map(AuthMethodDefinition::id).collect(Collectors.joining(",")))
                .build();
        try {
            Transactions.write(table, List.of(
                    connectors.put(appId, parsed.definition(), secrets, previous, now), authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            throw KeywayException.conflict("connector " + connectorKey
                    + " was changed by another request at the same time; read it again and retry");
        }
        // The response is what was just written; reading it back would only cost a second request.
        String createdAt = previous.map(StoredConnector::createdAt).orElse(now.toString());
        return new Saved(new ConnectorResponse(ConnectorView.of(parsed.definition(), secrets.keySet()),
                createdAt, now.toString()), previous.isEmpty(),
                addedScopes(previous.map(StoredConnector::definition), parsed.definition()));
    }

    private static Map<String, List<String>> addedScopes(Optional<ConnectorDefinition> before, ConnectorDefinition after) {
        Map<String, List<String>> added = new java.util.LinkedHashMap<>();
        if (before.isEmpty()) {
            return added;
        }
        for (AuthMethodDefinition method : after.authMethods()) {
            if (method.type() != dev.keyway.connectors.catalog.AuthType.OAUTH2) {
                continue;
            }
            List<String> old = before.get().authMethod(method.id()).map(AuthMethodDefinition::scopes).orElse(null);
            if (old == null) {
                continue;
            }
            List<String> gained = method.scopes().stream().filter(scope -> !old.contains(scope)).toList();
            if (!gained.isEmpty()) {
                added.put(method.id(), gained);
            }
        }
        return added;
    }

    public ConnectorResponse get(String appId, String connectorKey) {
        return connectors.find(appId, connectorKey).map(ConnectorService::response)
                .orElseThrow(() -> notFound(connectorKey));
    }

    public Listing<ConnectorResponse> list(String appId, Optional<String> cursor, Optional<String> limit) {
        var page = connectors.list(appId, cursor.orElse(null), PageSize.parse(limit));
        return new Listing<>(page.items().stream().map(ConnectorService::response).toList(), page.nextCursor());
    }

    public void delete(String appId, String connectorKey, String actor) {
        var event = authLog.event(appId, AuthEventTypes.CONNECTOR_DELETED).connector(connectorKey).actor(actor).build();
        try {
            Transactions.write(table, List.of(connectors.delete(appId, connectorKey), authLog.entry(event)));
        } catch (Transactions.ConditionFailed e) {
            throw notFound(connectorKey);
        }
    }

    public Listing<Provider> providers() {
        return new Listing<>(catalog.all(), null);
    }

    /**
     * The secrets to store: each OAuth auth method's new client secret, or the stored one when
     * the body left it out. Secrets of auth methods that were removed are dropped.
     */
    private Map<String, String> clientSecrets(ParsedConnector parsed, Optional<StoredConnector> previous) {
        Map<String, String> secrets = new HashMap<>(parsed.clientSecretsByAuthMethodId());
        boolean keepsAny = parsed.definition().authMethods().stream()
                .anyMatch(m -> m.type().oauth() && !secrets.containsKey(m.id())
                        && previous.map(p -> p.authMethodsWithSecret().contains(m.id())).orElse(false));
        if (keepsAny) {
            Map<String, String> stored = connectors.clientSecrets(previous.get());
            parsed.definition().authMethods().forEach(m -> {
                if (m.type().oauth() && !secrets.containsKey(m.id()) && stored.containsKey(m.id())) {
                    secrets.put(m.id(), stored.get(m.id()));
                }
            });
        }
        return secrets;
    }

    private static ConnectorResponse response(StoredConnector stored) {
        return new ConnectorResponse(ConnectorView.of(stored.definition(), stored.authMethodsWithSecret()),
                stored.createdAt(), stored.updatedAt());
    }

    private static KeywayException notFound(String connectorKey) {
        return KeywayException.notFound("no connector '" + connectorKey + "' in this app");
    }
}
