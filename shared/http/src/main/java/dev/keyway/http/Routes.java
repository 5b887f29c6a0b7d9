package dev.keyway.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A function's routes keyed by API Gateway's route key ("GET /v1/connectors/{connectorKey}"),
 * the same strings template.yaml declares. Authenticated routes get the app id or a 401
 * before the route's code runs, so no route can forget the check.
 */
public final class Routes {
    /** A route that acts for an app. */
    @FunctionalInterface
    public interface AppRoute {
        ApiResponse handle(String appId, ApiRequest request);
    }

    /** A route reachable without an app key (the portal, the OAuth callback). */
    @FunctionalInterface
    public interface PublicRoute {
        ApiResponse handle(ApiRequest request);
    }

    private final Map<String, PublicRoute> routes = new LinkedHashMap<>();

    public Routes app(String routeKey, AppRoute route) {
        routes.put(routeKey, request -> route.handle(request.appId(), request));
        return this;
    }

    public Routes open(String routeKey, PublicRoute route) {
        routes.put(routeKey, route);
        return this;
    }

    Optional<PublicRoute> find(String routeKey) {
        return Optional.ofNullable(routeKey == null ? null : routes.get(routeKey));
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }
}
