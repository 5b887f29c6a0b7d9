package dev.keyway.connectors.catalog;

import java.util.List;
import java.util.Map;

/**
 * A curated MCP tool of a provider: one fixed call to its API that an MCP server offers as
 * {@code <connector>_<name>}, with named arguments instead of a free path. Data, not code.
 *
 * @param query     fixed query parameters, sent with every call
 * @param arguments each argument's name and where it goes: {@code "query"} or {@code "body"} (a JSON
 *                  object of the body arguments); every argument is a string
 * @param required  the arguments a call must give
 */
public record McpToolTemplate(String name, String description, String method, String path,
                              Map<String, String> query, Map<String, String> arguments, List<String> required) {
    public McpToolTemplate {
        query = query == null ? Map.of() : OAuth2Settings.orderedCopy(query);
        arguments = arguments == null ? Map.of() : OAuth2Settings.orderedCopy(arguments);
        required = required == null ? List.of() : List.copyOf(required);
    }
}
