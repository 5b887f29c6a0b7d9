package dev.keyway.provisioning;

/**
 * An HttpApi event of a function. {@code usesDefaultAuthorizer} is false for routes declared
 * with {@code Auth: {Authorizer: NONE}} (or on an API without a default authorizer).
 */
public record HttpRoute(
        String method, String path, String functionLogicalId, String eventName, boolean usesDefaultAuthorizer) {

    /** API Gateway's route key, e.g. {@code GET /v1/connectors/{connectorKey}}: what access logs show. */
    public String routeKey() {
        return method + " " + path;
    }
}
