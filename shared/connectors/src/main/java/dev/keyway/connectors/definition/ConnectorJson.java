package dev.keyway.connectors.definition;

import com.fasterxml.jackson.core.JacksonException;
import dev.keyway.core.Json;
import java.util.Set;

/** JSON of the non-secret connector definition: for storage, and for API responses. */
public final class ConnectorJson {
    private ConnectorJson() {
    }

    /** The definition as stored; it holds no client secret. */
    public static String toStorageJson(ConnectorDefinition definition) {
        return Json.write(definition);
    }

    /** Reads back what {@link #toStorageJson} wrote. */
    public static ConnectorDefinition fromStorageJson(String json) {
        try {
            return Json.mapper().readValue(json, ConnectorDefinition.class);
        } catch (JacksonException e) {
            // Our own stored data: a failure is a bug or corruption, never the caller's input.
            throw new IllegalStateException("stored connector definition cannot be read", e);
        }
    }

    /** The API response body for one connector. */
    public static String toResponseJson(ConnectorDefinition definition, Set<String> authMethodsWithClientSecret) {
        return Json.write(ConnectorView.of(definition, authMethodsWithClientSecret));
    }
}
