package dev.keyway.mcp;

import dev.keyway.connectors.catalog.McpToolTemplate;
import dev.keyway.core.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arguments of a request tool, checked: a method, a path relative to the connector's base
 * URL, string query parameters and an optional JSON body. Anything else is refused with a
 * message the model can act on. There is deliberately no way to pass headers: credentials are
 * injected by Keyway and never travel through a tool's input.
 */
record ToolRequest(String connector, String method, String rawPath, String rawQuery, byte[] body) {
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int MAX_PATH = 2048;
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** Unreserved and sub-delim characters, '/', ':', '@' and percent escapes (RFC 3986 path characters). */
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");

    /** Thrown for arguments that are not what the tool's input schema says. */
    static final class InvalidArguments extends RuntimeException {
        InvalidArguments(String message) {
            super(message);
        }
    }

    static ToolRequest parse(String connector, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        for (String name : args.keySet()) {
            if (!List.of("method", "path", "query", "body").contains(name)) {
                throw new InvalidArguments(name + ": unknown argument (expected method, path, query, body)");
            }
        }
        String method = string(args, "method", "GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidArguments("method: one of " + String.join(", ", METHODS));
        }
        return new ToolRequest(connector, method, path(string(args, "path", null)), query(args.get("query")),
                body(method, args.get("body")));
    }

    /** A curated tool's call: its fixed method, path and query, and its named string arguments. */
    static ToolRequest fromTemplate(String connector, McpToolTemplate template, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        for (String name : args.keySet()) {
            if (!template.arguments().containsKey(name)) {
                throw new InvalidArguments(name + ": unknown argument (expected "
                        + String.join(", ", template.arguments().keySet()) + ")");
            }
        }
        Map<String, Object> query = new LinkedHashMap<>(template.query());
        Map<String, Object> body = new LinkedHashMap<>();
        // In the template's order, so the same call always makes the same request.
        template.arguments().forEach((name, where) -> {
            Object value = args.get(name);
            if (value == null && template.required().contains(name)) {
                throw new InvalidArguments(name + ": required");
            }
            if (value != null && !(value instanceof String)) {
                throw new InvalidArguments(name + ": must be a string");
            }
            if (value != null) {
                (where.equals("body") ? body : query).put(name, value);
            }
        });
        return new ToolRequest(connector, template.method(), path(template.path()), query(query),
                body.isEmpty() ? new byte[0] : Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static String string(Map<String, Object> args, String name, String fallback) {
        Object value = args.get(name);
        if (value == null) {
            if (fallback == null) {
                throw new InvalidArguments(name + ": required");
            }
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new InvalidArguments(name + ": must be a string");
        }
        return s;
    }

    /** {@code /user/repos} → {@code user/repos}: relative to the base URL, never a full URL or a climb out of it. */
    private static String path(String path) {
        if (path.length() > MAX_PATH || !PATH.matcher(path).matches() || path.contains("//")) {
            throw new InvalidArguments("path: a URL path such as /user/repos (no query string, no full URL; at most "
                    + MAX_PATH + " characters)");
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (String segment : relative.split("/", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals("..") || decoded.equals(".")) {
                throw new InvalidArguments("path: '.' and '..' segments are not allowed");
            }
        }
        return relative;
    }

    private static String query(Object query) {
        if (query == null) {
            return "";
        }
        if (!(query instanceof Map<?, ?> map)) {
            throw new InvalidArguments("query: must be an object of string values, e.g. {\"per_page\": \"10\"}");
        }
        StringBuilder out = new StringBuilder();
        for (var entry : map.entrySet()) {
            Object value = entry.getValue();
            if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
                throw new InvalidArguments("query." + entry.getKey() + ": must be a string, number or boolean");
            }
            out.append(out.isEmpty() ? "" : "&").append(encode(String.valueOf(entry.getKey()))).append('=')
                    .append(encode(String.valueOf(value)));
        }
        return out.toString();
    }

    private static byte[] body(String method, Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (method.equals("GET")) {
            throw new InvalidArguments("body: not allowed with GET");
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new InvalidArguments("body: at most " + MAX_BODY_BYTES + " bytes of JSON");
        }
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
