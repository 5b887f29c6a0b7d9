package dev.keyway.provisioning;

import java.util.Map;

/** One entry of the template's Resources section, properties as parsed (intrinsics unresolved). */
public record Resource(String logicalId, String type, Map<String, Object> properties) {

    public Resource {
        properties = properties == null ? Map.of() : properties;
    }

    /**
     * Provisioning refuses what it would silently drop: a property outside {@code supported}
     * means the local resource would differ from the deployed one.
     */
    void requireOnly(java.util.Set<String> supported, String kind) {
        java.util.Set<String> unknown = new java.util.TreeSet<>(properties.keySet());
        unknown.removeAll(supported);
        if (!unknown.isEmpty()) {
            throw new UnsupportedOperationException(
                    logicalId + ": local provisioning does not handle " + kind + " properties " + unknown);
        }
    }
}
