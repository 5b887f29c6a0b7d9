package dev.keyway.crypto;

import dev.keyway.core.KeywayException;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory {@link KeySetSource} (our own port) that counts reads and can fail or be slow. */
final class InMemoryKeySetSource implements KeySetSource, KeySetStore {
    private volatile KeySet keySet;
    private volatile boolean failing;
    private volatile long delayMillis;
    private final AtomicInteger loads = new AtomicInteger();

    InMemoryKeySetSource(KeySet keySet) {
        this.keySet = keySet;
    }

    @Override
    public KeySet load() {
        loads.incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis); // widens the window in which concurrent callers pile up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing) {
            throw KeywayException.unavailable("master key set unavailable", null);
        }
        return keySet;
    }

    @Override
    public void save(KeySet keySet) {
        this.keySet = keySet;
    }

    int loads() {
        return loads.get();
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    void delayMillis(long delayMillis) {
        this.delayMillis = delayMillis;
    }
}
