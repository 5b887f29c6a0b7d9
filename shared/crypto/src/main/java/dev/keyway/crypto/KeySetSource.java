package dev.keyway.crypto;

/** Where the master key set is read from. */
public interface KeySetSource {

    /**
     * Reads the current key set.
     *
     * @throws dev.keyway.core.KeywayException {@code unavailable} (503) when it cannot be read or is invalid
     */
    KeySet load();
}
