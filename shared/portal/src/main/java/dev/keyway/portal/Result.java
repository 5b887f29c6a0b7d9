package dev.keyway.portal;

/** The outcome of a connection flow, rendered by {@link PortalPages#result}. */
public sealed interface Result {

    /** A linked account was stored. HTTP 200. */
    record Success(String connectorName, String linkedAccountId, Finish finish) implements Result {}

    /** The user said no at the provider. HTTP 200. */
    record Denied(String connectorName, String retryHref, Finish finish) implements Result {}

    /** The connect session or OAuth state expired, was used already or is missing. HTTP 410. */
    record Expired() implements Result {}

    /** The provider answered with an error (token exchange, authorization). HTTP 502. */
    record ProviderError(String connectorName, String code, String message, String retryHref, Finish finish)
            implements Result {}

    /** Credentials were rejected by verification (the standalone page; forms usually re-render instead). HTTP 422. */
    record Rejected(String connectorName, String message, String retryHref) implements Result {}

    /** The request itself is malformed. HTTP 400. */
    record InvalidRequest(String message) implements Result {}
}
