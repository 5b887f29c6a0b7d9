package dev.keyway.connectors;

import dev.keyway.connectors.definition.ConnectorDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Connector definitions (non-secret) kept in the container for a short while, so a warm resolve
 * or proxy call costs one DynamoDB read (the linked account) rather than two. A connector
 * change reaches every container within {@link #TTL}.
 */
@Singleton
public final class ConnectorCache {
    public static final Duration TTL = Duration.ofSeconds(30);

    private record Entry(Optional<ConnectorDefinition> definition, Instant loadedAt) {
    }

    private final ConnectorRepository connectors;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    public ConnectorCache(ConnectorRepository connectors, Clock clock) {
        this.connectors = connectors;
        this.clock = clock;
    }

    public Optional<ConnectorDefinition> find(String appId, String connectorKey) {
        String key = appId + "\u0000" + connectorKey;
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry == null || entry.loadedAt().plus(TTL).isBefore(now)) {
            entry = new Entry(connectors.find(appId, connectorKey).map(StoredConnector::definition), now);
            // Only hits are kept: a connector created right after a miss must work at once.
            if (entry.definition().isPresent()) {
                entries.put(key, entry);
            }
        }
        return entry.definition();
    }
}
