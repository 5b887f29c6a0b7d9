package dev.keyway.provisioning;

import java.util.Map;

/** One entry of the template's Resources section, properties as parsed (intrinsics unresolved). */
public record Resource(String logicalId, String type, Map<String, Object> properties) {

    public Resource {
        properties = properties == null ? Map.of() : properties;
    }
}
