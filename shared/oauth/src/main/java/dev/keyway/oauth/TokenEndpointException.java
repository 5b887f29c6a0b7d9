package dev.keyway.oauth;

import java.time.Duration;

/**
 * The token endpoint did not give tokens. The message names the kind and the provider's OAuth
 * error code only: a provider's error_description can echo what was sent, so it is not kept.
 */
public final class TokenEndpointException extends RuntimeException {
    public enum Kind {
        /** An RFC 6749 error answer such as invalid_grant: retrying the same request will not help. */
        OAUTH_ERROR,
        /** A non-2xx status without an OAuth error body (5xx, 429, a gateway page). */
        HTTP_ERROR,
        /** 2xx, but not a token response (HTML, no access_token). */
        MALFORMED,
        /** No answer: refused, timed out, DNS. */
        UNREACHABLE
    }

    private final Kind kind;
    private final String error;
    private final int status;
    private final Duration retryAfter;

    TokenEndpointException(Kind kind, String error, int status, Duration retryAfter) {
        super(describe(kind, error, status));
        this.kind = kind;
        this.error = error;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's OAuth error code (invalid_grant …) for OAUTH_ERROR, else a Keyway code. */
    public String error() {
        return error;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The provider's Retry-After, when it sent one. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when the grant itself is dead (the end user must authorize again). */
    public boolean grantRejected() {
        return kind == Kind.OAUTH_ERROR
                && ("invalid_grant".equals(error) || "unauthorized_client".equals(error) || "invalid_client".equals(error));
    }

    private static String describe(Kind kind, String error, int status) {
        return switch (kind) {
            case OAUTH_ERROR -> "the provider's token endpoint answered " + error;
            case HTTP_ERROR -> "the provider's token endpoint answered HTTP " + status;
            case MALFORMED -> "the provider's token endpoint answered HTTP " + status + " without a usable token response";
            case UNREACHABLE -> "the provider's token endpoint did not answer";
        };
    }
}
