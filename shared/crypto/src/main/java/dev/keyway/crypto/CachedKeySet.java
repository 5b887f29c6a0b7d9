package dev.keyway.crypto;

import dev.keyway.core.KeywayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The key set of one container: read on first use (never at construction, so a SnapStart
 * snapshot holds no key), then cached.
 *
 * <p>Two reasons to read it again:
 * <ul>
 *   <li>A ciphertext names a key id we lack: another container already sees a newer set
 *       after a rotation. We reload at once, but at most once per {@code minReloadInterval},
 *       so garbage key ids cannot flood Secrets Manager; concurrent callers wait for the one
 *       reload and then use its result.</li>
 *   <li>The copy is older than {@code maxAge}: otherwise a long-lived container would keep
 *       wrapping with the old primary forever, and retiring it would lose data. One caller
 *       refreshes; the others keep using the old copy, as they do if the refresh fails.</li>
 * </ul>
 */
final class CachedKeySet {
    private final KeySetSource source;
    private final Clock clock;
    private final Duration minReloadInterval;
    private final Duration maxAge;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile Loaded loaded;
    /** Guarded by {@link #lock}. */
    private Instant lastUnknownKeyReload;

    private record Loaded(KeySet keySet, Instant refreshAfter) {
    }

    CachedKeySet(KeySetSource source, Clock clock, Duration minReloadInterval, Duration maxAge) {
        this.source = source;
        this.clock = clock;
        this.minReloadInterval = minReloadInterval;
        this.maxAge = maxAge;
    }

    KeySet current() {
        Loaded current = loaded;
        if (current == null) {
            lock.lock();
            try {
                if (loaded == null) {
                    loaded = load();
                }
                return loaded.keySet();
            } finally {
                lock.unlock();
            }
        }
        if (clock.instant().isAfter(current.refreshAfter()) && lock.tryLock()) {
            try {
                if (loaded == current) {
                    loaded = refreshOrKeep(current);
                }
            } finally {
                lock.unlock();
            }
        }
        return loaded.keySet();
    }

    /** A key set holding {@code keyId} if the source has it (now, or within the reload interval). */
    KeySet containing(String keyId) {
        KeySet keySet = current();
        if (keySet.contains(keyId)) {
            return keySet;
        }
        lock.lock();
        try {
            keySet = loaded.keySet();
            if (keySet.contains(keyId)) {
                return keySet; // another thread reloaded while we waited
            }
            Instant now = clock.instant();
            if (lastUnknownKeyReload != null && now.isBefore(lastUnknownKeyReload.plus(minReloadInterval))) {
                return keySet;
            }
            loaded = load();
            // Recorded only on success: a failed read is reported (503), not cached as "unknown key".
            lastUnknownKeyReload = now;
            return loaded.keySet();
        } finally {
            lock.unlock();
        }
    }

    private Loaded refreshOrKeep(Loaded current) {
        try {
            return load();
        } catch (KeywayException e) {
            // Keep serving the known keys; try again after the short interval, not the full age.
            return new Loaded(current.keySet(), clock.instant().plus(minReloadInterval));
        }
    }

    private Loaded load() {
        KeySet keySet = source.load();
        return new Loaded(keySet, clock.instant().plus(maxAge));
    }
}
