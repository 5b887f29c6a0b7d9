package dev.keyway.bench.warm;

/** A call the bench times answered an error: its time would be an error path's, so the run stops. */
final class BenchFailed extends RuntimeException {
    BenchFailed(String message) {
        super(message);
    }

    BenchFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
