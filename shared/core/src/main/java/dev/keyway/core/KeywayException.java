package dev.keyway.core;

/**
 * An error with a stable machine-readable {@code code} and the HTTP status it maps to.
 * The message is shown to API callers, so it must never contain a credential.
 */
public class KeywayException extends RuntimeException {
    private final int status;
    private final String code;

    public KeywayException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public KeywayException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 400: the request is malformed or fails validation; {@code message} names the field. */
    public static KeywayException invalid(String message) {
        return new KeywayException(400, "invalid_request", message);
    }

    public static KeywayException notFound(String message) {
        return new KeywayException(404, "not_found", message);
    }

    public static KeywayException unauthorized(String code, String message) {
        return new KeywayException(401, code, message);
    }

    public static KeywayException conflict(String message) {
        return new KeywayException(409, "conflict", message);
    }

    /** 503: a dependency (DynamoDB, Secrets Manager) failed; the caller may retry. */
    public static KeywayException unavailable(String message, Throwable cause) {
        return new KeywayException(503, "service_unavailable", message, cause);
    }
}
