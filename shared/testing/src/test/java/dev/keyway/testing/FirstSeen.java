package dev.keyway.testing;

import java.util.concurrent.atomic.AtomicReference;

/** Remembers the first LocalAws any test class got, whichever class runs first. */
final class FirstSeen {

    private static final AtomicReference<LocalAws> FIRST = new AtomicReference<>();

    private FirstSeen() {}

    static LocalAws localAws(LocalAws candidate) {
        FIRST.compareAndSet(null, candidate);
        return FIRST.get();
    }
}
