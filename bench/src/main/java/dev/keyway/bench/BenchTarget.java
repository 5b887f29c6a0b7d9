package dev.keyway.bench;

import dev.keyway.provisioning.FunctionDefinition;
import dev.keyway.provisioning.Resource;
import dev.keyway.provisioning.Template;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A template.yaml function the bench can run: its handler class, its self-contained jar (the
 * CodeUri SAM deploys), the sample event its first invocation gets, and the events run once,
 * untimed, to put data in place before (e.g. a connector for the list to return, through the
 * connectors function). {@code expectedStatus} is the HTTP status the timed invocation must
 * answer, 0 for any success: only for a sample that can take nothing but an error path.
 */
record BenchTarget(String logicalId, String handler, Path jar, Path event, List<Step> setup, int expectedStatus) {

    /** A setup event and the function it goes to: this one, or another named {@code LogicalId:events/….json}. */
    record Step(BenchTarget function, Path event) {
    }

    /** Which sample event each function gets: bench/coldstart.properties. */
    static final String EVENTS_FILE = "bench/coldstart.properties";

    /**
     * The functions to run: those named, or every template function that has an event in the
     * mapping. A named function without one is an error; an unnamed one is left out, and
     * {@code skipped} says so.
     */
    static List<BenchTarget> select(Template template, Path root, List<String> named, List<String> skipped) {
        Properties events = loadEvents(root.resolve(EVENTS_FILE));
        List<BenchTarget> targets = new ArrayList<>();
        for (String id : named) {
            if (template.functions().stream().noneMatch(f -> f.logicalId().equals(id))) {
                throw new IllegalArgumentException("template.yaml has no function " + id + "; it has "
                        + template.functions().stream().map(FunctionDefinition::logicalId).toList());
            }
        }
        for (FunctionDefinition function : template.functions()) {
            String id = function.logicalId();
            if (!named.isEmpty() && !named.contains(id)) {
                continue;
            }
            String event = events.getProperty(id + ".event");
            if (event == null) {
                if (!named.isEmpty()) {
                    throw new IllegalArgumentException(id + " has no sample event: add " + id
                            + ".event = events/….json to " + EVENTS_FILE);
                }
                skipped.add(id);
                continue;
            }
            BenchTarget target = of(template, root, function, existing(root.resolve(event.strip())),
                    Integer.parseInt(events.getProperty(id + ".expect", "0").strip()));
            List<Step> setup = new ArrayList<>();
            for (String entry : events.getProperty(id + ".setup", "").split(",")) {
                entry = entry.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                BenchTarget runner = colon < 0 ? target : of(template, root, function(template, entry.substring(0, colon)), null, 0);
                setup.add(new Step(runner, existing(root.resolve(entry.substring(colon + 1)))));
            }
            targets.add(new BenchTarget(id, target.handler(), target.jar(), target.event(), List.copyOf(setup),
                    target.expectedStatus()));
        }
        return targets;
    }

    private static BenchTarget of(Template template, Path root, FunctionDefinition function, Path event, int expect) {
        String id = function.logicalId();
        return new BenchTarget(id, className(function.handler()), jar(template, root, id), event, List.of(), expect);
    }

    private static FunctionDefinition function(Template template, String id) {
        return template.functions().stream().filter(f -> f.logicalId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(EVENTS_FILE + " names a setup function " + id
                        + " that template.yaml does not have"));
    }

    private static String className(String handler) {
        if (handler == null) {
            throw new IllegalArgumentException("a function without a Handler cannot be benchmarked");
        }
        return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    }

    private static Path jar(Template template, Path root, String logicalId) {
        Object codeUri = template.resource(logicalId).map(Resource::properties).map(p -> p.get("CodeUri")).orElse(null);
        if (!(codeUri instanceof String path) || !path.endsWith(".jar")) {
            throw new IllegalArgumentException(logicalId + ": CodeUri must name the function's jar, not " + codeUri);
        }
        Path jar = root.resolve(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(logicalId + ": no " + path + "; build it with `mvn package -DskipTests`"
                    + " (or `bin/bench coldstart --build`)");
        }
        return jar;
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no event file " + file + " (named in " + EVENTS_FILE + ")");
        }
        return file;
    }

    private static Properties loadEvents(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }
}
