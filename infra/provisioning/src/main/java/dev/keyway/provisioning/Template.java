package dev.keyway.provisioning;

import static dev.keyway.provisioning.Values.map;
import static dev.keyway.provisioning.Values.string;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * template.yaml, read once: the single description of what Keyway deploys. The local runner
 * and the tests take their tables, secret, bus, routes and schedules from here, so they
 * cannot drift from what SAM deploys.
 */
public final class Template {

    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String SECRET = "AWS::SecretsManager::Secret";
    public static final String EVENT_BUS = "AWS::Events::EventBus";
    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String FILE_NAME = "template.yaml";

    private final Map<String, Resource> resources;
    private final Map<String, String> parameterDefaults;
    private final Map<String, Object> globalEnvironment;
    private final List<FunctionDefinition> functions;

    private Template(Map<String, Object> root) {
        Map<String, Resource> byId = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            byId.put(id, new Resource(id, string(resource.get("Type")), map(resource.get("Properties"))));
        });
        Map<String, String> defaults = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, value) -> {
            Object fallback = map(value).get("Default");
            if (fallback != null) {
                defaults.put(name, string(fallback));
            }
        });
        this.resources = Collections.unmodifiableMap(byId);
        this.parameterDefaults = Map.copyOf(defaults);
        Map<String, Object> globals = map(root.get("Globals"));
        this.globalEnvironment = FunctionReader.variables(map(globals.get("Function")));
        this.functions = new FunctionReader(globals, resources).read();
    }

    public static Template load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Template parse(String yaml) {
        return new Template(map(CloudFormationYaml.parse(yaml)));
    }

    /** template.yaml in the working directory or the nearest parent (Maven runs tests in the module directory). */
    public static Path locate() {
        return locate(Path.of("").toAbsolutePath());
    }

    public static Path locate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + FILE_NAME + " in " + start + " or any parent directory");
    }

    /** Resources in template order, keyed by logical id. */
    public Map<String, Resource> resources() {
        return resources;
    }

    public List<Resource> resources(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Optional<Resource> resource(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId));
    }

    /** What {@code !Ref Parameter} gives when no override is passed: the Default of each parameter. */
    public Map<String, String> parameterDefaults() {
        return parameterDefaults;
    }

    /** Globals.Function.Environment.Variables, unresolved: what every function starts from. */
    public Map<String, Object> globalEnvironment() {
        return globalEnvironment;
    }

    public List<FunctionDefinition> functions() {
        return functions;
    }

    public List<HttpRoute> httpRoutes() {
        return functions.stream().flatMap(f -> f.routes().stream()).toList();
    }

    public List<Schedule> schedules() {
        return functions.stream().flatMap(f -> f.schedules().stream()).toList();
    }
}
