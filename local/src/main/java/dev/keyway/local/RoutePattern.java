package dev.keyway.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API route path such as {@code /v1/connectors/{connectorKey}} or
 * {@code /v1/proxy/{linkedAccountId}/{path+}}, matched the way API Gateway matches it:
 * a {@code {name}} segment takes one path segment, a greedy {@code {name+}} takes the rest.
 */
record RoutePattern(String method, String path) {

    String routeKey() {
        return method + " " + path;
    }

    /** The path parameters when {@code requestPath} matches, URL-decoded as API Gateway does. */
    Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equalsIgnoreCase(requestMethod) && !"ANY".equals(method)) {
            return Optional.empty();
        }
        List<String> want = segments(path);
        List<String> got = segments(requestPath);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String segment = want.get(i);
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= got.size()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 2), String.join("/", got.subList(i, got.size())));
                return Optional.of(params);
            }
            if (i >= got.size()) {
                return Optional.empty();
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                params.put(segment.substring(1, segment.length() - 1), got.get(i));
            } else if (!segment.equals(got.get(i))) {
                return Optional.empty();
            }
        }
        return want.size() == got.size() ? Optional.of(params) : Optional.empty();
    }

    /** Literal segments beat parameters, as in API Gateway: {@code /v1/x/batch} before {@code /v1/x/{id}}. */
    int specificity() {
        return (int) segments(path).stream().filter(s -> !s.startsWith("{")).count();
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }
}
