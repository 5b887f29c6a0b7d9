package dev.keyway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's static assets: its stylesheet and script. They are separate files because the CSP allows no inline
 * style or script. Only the exact names below are served, so no path can reach anything else on the classpath.
 */
public final class PortalAssets {
    private PortalAssets() {}

    static final String CSS = "portal.css";
    static final String JS = "portal.js";

    // Loaded once per container: the files are small and immutable.
    private static final Map<String, Asset> ASSETS = Map.of(
            CSS, load(CSS, "text/css; charset=utf-8"),
            JS, load(JS, "text/javascript; charset=utf-8"));

    /** {@code "portal.css"} or {@code "portal.js"}; anything else (other names, paths, {@code ../}) is empty. */
    public static Optional<Asset> get(String name) {
        Asset asset = name == null ? null : ASSETS.get(name);
        // A copy, so no caller can alter what the next response serves.
        return asset == null ? Optional.empty() : Optional.of(new Asset(asset.body().clone(), asset.contentType()));
    }

    /** A short content hash, appended to asset URLs so a deploy is never hidden behind the one-hour cache. */
    static String version(String name) {
        return VERSIONS.get(name);
    }

    private static final Map<String, String> VERSIONS = Map.of(CSS, hash(ASSETS.get(CSS)), JS, hash(ASSETS.get(JS)));

    private static Asset load(String name, String contentType) {
        try (InputStream in = PortalAssets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("portal asset missing from the jar: " + name);
            }
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(Asset asset) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(asset.body());
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        return new String(ASSETS.get(name).body(), StandardCharsets.UTF_8);
    }
}
