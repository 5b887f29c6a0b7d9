package dev.keyway.resolve;

/**
 * Resolve refused. {@link #code()} is Keyway's error code; the subclasses are the cases a
 * caller handles differently.
 */
public class ResolveException extends RuntimeException {
    private final int status;
    private final String code;

    public ResolveException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** No such linked account in this app (another app's accounts are not found either). */
    public static final class NotFound extends ResolveException {
        NotFound(String message) {
            super(404, "not_found", message);
        }
    }

    /** The end user must reconnect: the message says how (a reconnect session for the account). */
    public static final class NeedsReauth extends ResolveException {
        NeedsReauth(String message) {
            super(409, "needs_reauth", message);
        }
    }

    /** Keyway or its storage is unavailable; retry with backoff. */
    public static final class Unavailable extends ResolveException {
        Unavailable(int status, String code, String message) {
            super(status, code, message);
        }
    }

    static ResolveException of(int status, String code, String message) {
        return switch (code) {
            case "not_found" -> new NotFound(message);
            case "needs_reauth" -> new NeedsReauth(message);
            default -> status >= 500 ? new Unavailable(status, code, message) : new ResolveException(status, code, message);
        };
    }
}
