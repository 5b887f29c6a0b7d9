package dev.keyway.bench;

/** A child run that gave no response, or an error response: the function is broken, not the bench. */
final class RunFailed extends RuntimeException {
    RunFailed(String message) {
        super(message);
    }
}
