package dev.keyway.connect.oauth;

import dev.keyway.connectors.catalog.ConfigSource;
import dev.keyway.connectors.catalog.ConnectionConfigField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Connection-config values the provider puts on the callback itself (QuickBooks' {@code realmId}). */
final class CallbackConfig {
    private CallbackConfig() {
    }

    /** The values present; a missing or malformed one is left out and caught by the import's checks. */
    static Map<String, String> fromQuery(List<ConnectionConfigField> fields, Map<String, String> query) {
        Map<String, String> config = new LinkedHashMap<>();
        for (ConnectionConfigField field : fields) {
            if (field.source() == ConfigSource.CALLBACK_QUERY && query.containsKey(field.param())) {
                config.put(field.name(), query.get(field.param()));
            }
        }
        return config;
    }
}
