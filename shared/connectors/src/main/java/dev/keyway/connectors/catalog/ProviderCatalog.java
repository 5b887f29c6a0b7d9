package dev.keyway.connectors.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.keyway.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The built-in provider catalog. The shipped one is read from {@code providers.json} on the
 * classpath once per container, on first use, and validated then: a broken catalog fails the
 * init phase instead of a connection flow.
 */
public final class ProviderCatalog {
    public static final String RESOURCE = "/providers.json";
    /** The provider key of a connector that brings its own URLs; no catalog entry may use it. */
    public static final String CUSTOM = "custom";
    public static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private final String docs;
    private final int version;
    private final List<Provider> providers;
    private final Map<String, Provider> byKey;

    /** The JSON file's shape. */
    record CatalogFile(String docs, int version, List<Provider> providers) {
    }

    private ProviderCatalog(CatalogFile file) {
        this.docs = file.docs();
        this.version = file.version();
        this.providers = List.copyOf(file.providers());
        Map<String, Provider> map = new LinkedHashMap<>();
        providers.forEach(p -> map.put(p.key(), p));
        this.byKey = Map.copyOf(map);
    }

    /** Holder idiom: the JVM loads the file exactly once, on the first call to {@link #shipped()}. */
    private static final class Shipped {
        static final ProviderCatalog INSTANCE = fromResource(RESOURCE);
    }

    /** The catalog shipped with Keyway. */
    public static ProviderCatalog shipped() {
        return Shipped.INSTANCE;
    }

    /**
     * Starts loading the shipped catalog on a daemon thread: a function's init then overlaps it
     * (with Keyway's ObjectMapper, about 250 ms cold) with building its AWS clients. Whoever calls
     * {@link #shipped()} meanwhile waits for the same one load (class initialisation is once and
     * locked); a broken catalog still fails that call, so init still fails fast.
     */
    public static void preload() {
        Thread.ofPlatform().daemon().name("keyway-catalog-preload").start(() -> {
            try {
                shipped();
            } catch (RuntimeException | Error e) {
                // Reported again, to init, by the first shipped() call.
            }
        });
    }

    /**
     * Parses and validates a catalog document.
     *
     * @throws IllegalArgumentException naming every problem found
     */
    public static ProviderCatalog parse(String json) {
        CatalogFile file;
        try {
            file = Json.mapper().readValue(json, CatalogFile.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("invalid provider catalog: " + pathOf(e) + ": " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("provider catalog is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (file == null || file.providers() == null) {
            throw new IllegalArgumentException("invalid provider catalog: providers: required");
        }
        List<String> problems = new CatalogValidator().validate(file);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid provider catalog: " + String.join("; ", problems));
        }
        return new ProviderCatalog(file);
    }

    static ProviderCatalog fromResource(String name) {
        try (InputStream in = ProviderCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("provider catalog " + name + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read provider catalog " + name, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Optional<Provider> find(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** Every provider, in catalog order. */
    public List<Provider> all() {
        return providers;
    }

    public String docs() {
        return docs;
    }

    public int version() {
        return version;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
