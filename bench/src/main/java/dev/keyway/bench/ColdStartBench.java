package dev.keyway.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.keyway.bench.bare.BareHandler;
import dev.keyway.bench.warm.JsonUpstream;
import dev.keyway.provisioning.AwsEndpoint;
import dev.keyway.testing.Endpoints;
import dev.keyway.provisioning.ProvisionedStack;
import dev.keyway.provisioning.Provisioner;
import dev.keyway.provisioning.Template;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code bin/bench coldstart}: the cold start of each template.yaml function (a fresh JVM, the
 * handler's constructor, the first invocation with its sample event, against moto on loopback),
 * compared with a bare handler run the same way in the same session. Absolute times depend on
 * the machine and its neighbours; the ratio to the bare handler is what carries over, so that is
 * what the targets are written in. See docs/performance.md.
 */
public final class ColdStartBench {
    static final String STACK_NAME = "keyway-bench";
    /** The project's targets (docs/performance.md). */
    static final double TARGET_RATIO = 1.5;
    static final double TARGET_JAR_MIB = 15;
    private static final double MIB = 1024 * 1024;
    /** The sample connector's provider (events/connectors-put.json) and the sample events' linked account ids. */
    private static final String SAMPLE_UPSTREAM = "https://api.acme.example";
    private static final List<String> SAMPLE_ACCOUNTS = List.of("la_sample", "la_demo");
    private static final Pattern LINKED_ACCOUNT_ID = Pattern.compile("la_[a-z2-7]{26}");

    private final Options options;
    private final PrintStream out = System.out;

    private ColdStartBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/bench coldstart: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            new ColdStartBench(options).run();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("\nbin/bench coldstart: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /** The measurements of one function and of the bare handler alongside it. */
    private record Result(BenchTarget target, List<ChildJvm.Sample> function, List<ChildJvm.Sample> bare) {
        double median() {
            return Stats.median(function.stream().map(ChildJvm.Sample::wallMs).toList());
        }

        double bareMedian() {
            return Stats.median(bare.stream().map(ChildJvm.Sample::wallMs).toList());
        }

        double ratio() {
            return median() / bareMedian();
        }
    }

    private void run() {
        Path templateFile = Template.locate();
        Path root = templateFile.getParent();
        Template template = Template.load(templateFile);
        List<String> skipped = new ArrayList<>();
        List<BenchTarget> targets = BenchTarget.select(template, root, options.functions(), skipped);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no function of template.yaml has a sample event in " + BenchTarget.EVENTS_FILE);
        }
        Path build = root.resolve("bench/target");
        Path bareJar = single(build, "-bare.jar");
        Path work = clean(build.resolve("coldstart"));
        ChildJvm child = new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of(single(build, "-runner.jar"), codeSource(LambdaEventSerializers.class)), work);

        header(template, skipped);
        // The provider the proxied sample calls; the JDK's HTTP server, stopped with the bench.
        try (JsonUpstream upstream = new JsonUpstream()) {
            // The same choice tests make: KEYWAY_AWS_ENDPOINT, else LocalStack, else a moto server of this JVM's.
            AwsEndpoint endpoint = Endpoints.choose(root);
            out.println("endpoint  " + endpoint.url());
            ProvisionedStack stack = Provisioner.provision(template, STACK_NAME, endpoint);
            DemoApp demo;
            try (DynamoDbClient dynamoDb = endpoint.dynamoDb()) {
                demo = DemoApp.create(dynamoDb, stack.globalEnvironment().get("KEYWAY_TABLE"));
            }
            Runs runs = new Runs(child, stack, endpoint, bareJar, work.resolve("events"), demo);
            runs.upstream(upstream.baseUri());
            Map<BenchTarget, Result> results = new LinkedHashMap<>();
            Map<BenchTarget, String> failures = new LinkedHashMap<>();

            out.print("prepare   setup events, then one untimed run of each function and of the bare handler ");
            for (BenchTarget target : targets) {
                try {
                    for (BenchTarget.Step step : target.setup()) {
                        runs.function(step.function(), step.event(), "setup " + root.relativize(step.event()));
                    }
                    runs.function(target, target.event(), "warm-up");
                    runs.bare(target, "warm-up");
                    results.put(target, new Result(target, new ArrayList<>(), new ArrayList<>()));
                } catch (RunFailed e) {
                    failures.put(target, e.getMessage());
                }
            }
            out.println();

            out.print("measure   " + options.runs() + " runs each, alternating with the bare handler ");
            for (int round = 0; round < options.runs(); round++) {
                for (Result result : List.copyOf(results.values())) {
                    BenchTarget target = result.target();
                    try {
                        // Which goes first swaps every round, so a drift in the machine favours neither.
                        if (round % 2 == 0) {
                            result.function().add(runs.function(target, target.event(), "timed"));
                            result.bare().add(runs.bare(target, "timed"));
                        } else {
                            result.bare().add(runs.bare(target, "timed"));
                            result.function().add(runs.function(target, target.event(), "timed"));
                        }
                    } catch (RunFailed e) {
                        results.remove(target);
                        failures.put(target, e.getMessage());
                    }
                }
            }
            out.println();
            report(root, bareJar, targets, results, failures);
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " of " + targets.size()
                        + " functions failed: a failing invocation times an error path, not a cold start");
            }
        }
    }

    /** Runs a function or the bare handler once with a sample event (a copy with the bench app's key) and checks the answer. */
    private final class Runs {
        private final ChildJvm child;
        private final ProvisionedStack stack;
        private final AwsEndpoint endpoint;
        private final Path bareJar;
        private final Path events;
        private final DemoApp demo;
        private final Path responses;
        /**
         * Stand-ins of the sample events and what replaces them: the linked account the first
         * setup response names (for la_sample, la_demo), and the provider URL of the sample
         * connector, pointed at a local upstream (a local-mode app's custom connector may call 127.0.0.1).
         */
        private final Map<String, String> replacements = new LinkedHashMap<>();

        Runs(ChildJvm child, ProvisionedStack stack, AwsEndpoint endpoint, Path bareJar, Path events, DemoApp demo) {
            this.child = child;
            this.stack = stack;
            this.endpoint = endpoint;
            this.bareJar = bareJar;
            this.events = events;
            this.demo = demo;
            this.responses = events.resolveSibling("responses");
        }

        void upstream(java.net.URI baseUri) {
            replacements.put(SAMPLE_UPSTREAM, baseUri.toString());
        }

        /** The response, under the run's directory: what was timed can be read afterwards. */
        private void keep(ChildJvm.Sample sample, String name) {
            try {
                Files.createDirectories(responses);
                Files.writeString(responses.resolve(name), sample.response());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + responses.resolve(name), e);
            }
        }

        ChildJvm.Sample function(BenchTarget target, Path event, String what) {
            ChildJvm.Sample sample = child.run(target.jar(), options.classpathAppend(), target.handler(),
                    demo.rewrite(event, events, replacements), environment(stack, target.logicalId(), endpoint));
            keep(sample, target.logicalId() + "-" + event.getFileName());
            check(sample, event.equals(target.event()) ? target.expectedStatus() : 0, target.logicalId() + " (" + what + ")");
            if (!replacements.containsKey(SAMPLE_ACCOUNTS.get(0))) {
                Matcher account = LINKED_ACCOUNT_ID.matcher(sample.response());
                if (account.find()) {
                    SAMPLE_ACCOUNTS.forEach(sampleId -> replacements.put(sampleId, account.group()));
                }
            }
            progress();
            return sample;
        }

        /** The bare handler gets the same event as the function it runs beside, and ignores it. */
        ChildJvm.Sample bare(BenchTarget target, String what) {
            ChildJvm.Sample sample = child.run(bareJar, List.of(), BareHandler.class.getName(),
                    demo.rewrite(target.event(), events, replacements), environment(stack, null, endpoint));
            check(sample, 0, "the bare handler beside " + target.logicalId() + " (" + what + ")");
            progress();
            return sample;
        }
    }

    /**
     * What Lambda would set: the function's resolved environment from template.yaml (the bare
     * handler gets Globals' — the same JAVA_TOOL_OPTIONS, so both JVMs run with the same flags),
     * region and credentials as variables, and the local endpoint.
     */
    private static Map<String, String> environment(ProvisionedStack stack, String logicalId, AwsEndpoint endpoint) {
        Map<String, String> env = new LinkedHashMap<>(logicalId == null
                ? stack.globalEnvironment() : stack.function(logicalId).environment());
        var credentials = endpoint.credentials().resolveCredentials();
        env.put("AWS_REGION", endpoint.region());
        env.put("AWS_DEFAULT_REGION", endpoint.region());
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_LAMBDA_FUNCTION_NAME", logicalId == null ? "BareHandler" : logicalId);
        env.put("KEYWAY_AWS_ENDPOINT", endpoint.url().toString());
        // template.yaml's PublicBaseUrl is empty by default; a deployment that serves connect links and OAuth sets it.
        if (env.getOrDefault("KEYWAY_PUBLIC_URL", "").isBlank()) {
            env.put("KEYWAY_PUBLIC_URL", "https://keyway.bench.example");
        }
        return env;
    }

    private static void check(ChildJvm.Sample sample, int expectedStatus, String what) {
        Responses.problem(sample.response(), expectedStatus).ifPresent(problem -> {
            throw new RunFailed(what + " answered " + problem);
        });
    }

    private void header(Template template, List<String> skipped) {
        out.printf("Keyway cold start: fresh JVM per run, init + first invocation%n");
        out.printf("date      %s%n", LocalDate.now());
        out.printf("machine   %d cores, %s, %s %s%n", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.version"));
        out.printf("java      %s %s (%s)%n", System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"), System.getProperty("java.home"));
        Object flags = template.globalEnvironment().get("JAVA_TOOL_OPTIONS");
        out.printf("flags     JAVA_TOOL_OPTIONS=%s (template.yaml Globals; function and bare alike)%n",
                flags == null ? "(none)" : flags);
        if (!skipped.isEmpty()) {
            out.printf("skipped   %s: no sample event in %s%n", String.join(", ", skipped), BenchTarget.EVENTS_FILE);
        }
    }

    private void report(Path root, Path bareJar, List<BenchTarget> targets, Map<BenchTarget, Result> results,
            Map<BenchTarget, String> failures) {
        out.println();
        String row = "%-20s %-28s %-18s %-18s %6s %8s  %s%n";
        out.printf(row, "function", "event", "cold ms (init+inv)", "bare ms (init+inv)", "ratio", "jar MiB", "targets");
        for (BenchTarget target : targets) {
            double jarMib = size(target.jar()) / MIB;
            String jar = String.format(Locale.ROOT, "%.1f", jarMib);
            String jarTarget = jarMib <= TARGET_JAR_MIB ? "jar ok" : "jar MISSED";
            Result r = results.get(target);
            if (r == null) {
                out.printf(row, target.logicalId(), root.relativize(target.event()), "FAILED", "", "", jar, jarTarget);
                continue;
            }
            out.printf(row, target.logicalId(), root.relativize(target.event()),
                    breakdown(r.median(), r.function()), breakdown(r.bareMedian(), r.bare()),
                    String.format(Locale.ROOT, "%.2fx", r.ratio()),
                    jar,
                    (r.ratio() <= TARGET_RATIO ? "ratio ok" : "ratio MISSED") + ", " + jarTarget);
        }
        out.printf(Locale.ROOT, "%nbare handler: %s, %.1f MiB%n", root.relativize(bareJar), size(bareJar) / MIB);
        if (!options.classpathAppend().isEmpty()) {
            out.println("what-if: each function's classpath had " + options.classpathAppend() + " appended");
        }
        out.println("cold ms, bare ms: median wall time from starting the JVM to the serialised response;");
        out.println("(init+inv): the child's own medians for the handler's constructor and its first invocation;");
        out.println("the rest is the JVM starting and loading the runner.");
        out.printf(Locale.ROOT, "targets: cold start <= %.1fx the bare handler, jar <= %.0f MiB.%n", TARGET_RATIO, TARGET_JAR_MIB);
        if (!results.isEmpty()) {
            out.println();
            out.println("every run, ms (function | bare):");
            for (Result r : results.values()) {
                out.printf("  %-20s %s | %s%n", r.target().logicalId(), walls(r.function()), walls(r.bare()));
            }
        }
        failures.forEach((target, why) -> out.printf("%nFAILED %s: %s%n", target.logicalId(), why));
    }

    private void progress() {
        out.print('.');
        out.flush();
    }

    private static String breakdown(double median, List<ChildJvm.Sample> samples) {
        return format(median) + " ("
                + format(Stats.median(samples.stream().map(ChildJvm.Sample::initMs).toList())) + "+"
                + format(Stats.median(samples.stream().map(ChildJvm.Sample::invokeMs).toList())) + ")";
    }

    private static String walls(List<ChildJvm.Sample> samples) {
        return String.join(" ", samples.stream().map(s -> format(s.wallMs())).toList());
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.0f", millis);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("cpu unknown");
        } catch (IOException | UncheckedIOException e) {
            return "cpu unknown";
        }
    }

    /** The one file in {@code directory} whose name ends with {@code suffix}: the module's own jars. */
    private static Path single(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one *" + suffix + " in " + directory + ", found " + found
                        + "; build with `mvn -pl bench -am package -DskipTests` (or `bin/bench coldstart --build`)");
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }

    /** The run's directory: rewritten events, responses, each child's stderr, moto's log. Emptied first. */
    private static Path clean(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        if (!f.equals(directory)) {
                            Files.delete(f);
                        }
                    }
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
    }
}
