package dev.keyway.crypto;

/** Writes a key set back, for the admin CLI's rotate and retire commands. */
public interface KeySetStore {

    /**
     * Replaces the stored key set.
     *
     * @throws dev.keyway.core.KeywayException {@code unavailable} (503) when it cannot be written
     */
    void save(KeySet keySet);
}
