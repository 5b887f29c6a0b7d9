package dev.keyway.bench.refresh;

/** The seeding or a run did not come out as the bench set it up: its figures would mean nothing, so it stops. */
final class BenchFailed extends RuntimeException {
    BenchFailed(String message) {
        super(message);
    }
}
