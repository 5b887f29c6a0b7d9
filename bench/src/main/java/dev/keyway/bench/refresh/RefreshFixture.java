package dev.keyway.bench.refresh;

import dev.keyway.provisioning.AwsEndpoint;
import dev.keyway.provisioning.ProvisionedStack;
import dev.keyway.provisioning.Provisioner;
import dev.keyway.provisioning.Template;
import dev.keyway.testing.Endpoints;
import dev.keyway.testing.LocalAws;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The bench's surroundings, as {@code bin/bench resolve} sets them up: the local endpoint chosen as
 * the tests choose it, template.yaml provisioned on it (stack {@code keyway-bench}), its settings
 * published as system properties the way the test extension publishes them (so the Dagger graph's
 * clients find the endpoint, table and key set), the token server ({@link TokenServer}), and the
 * report on the terminal while the services' own log lines go to {@code bench/target/refresh/stdout.log}.
 */
final class RefreshFixture implements AutoCloseable {
    static final String STACK_NAME = "keyway-bench";

    final PrintStream out;
    final Path root;
    final Path work;
    private final Template template;
    private final PrintStream logs;
    private TokenServer tokenServer;
    private RefreshServices services;

    private RefreshFixture(PrintStream out, Path root, Path work, Template template, PrintStream logs) {
        this.out = out;
        this.root = root;
        this.work = work;
        this.template = template;
        this.logs = logs;
    }

    static RefreshFixture start(String title) {
        Path templateFile = Template.locate();
        Path root = templateFile.getParent();
        Template template = Template.load(templateFile);
        Path work = root.resolve("bench/target/refresh");
        PrintStream logs;
        try {
            Files.createDirectories(work);
            logs = new PrintStream(new BufferedOutputStream(Files.newOutputStream(work.resolve("stdout.log")), 1 << 16),
                    false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + work, e);
        }
        RefreshFixture fixture = new RefreshFixture(System.out, root, work, template, logs);
        fixture.header(title);
        System.setOut(logs);
        fixture.provision();
        return fixture;
    }

    private void provision() {
        // The same choice tests make: KEYWAY_AWS_ENDPOINT, else LocalStack, else a moto server of this JVM's.
        AwsEndpoint endpoint = Endpoints.choose(root);
        out.println("endpoint  " + endpoint.url());
        ProvisionedStack stack = Provisioner.provision(template, STACK_NAME, endpoint);
        LocalAws.publishSettings(endpoint, stack);
        services = DaggerRefreshServices.create();
        tokenServer = TokenServer.start(work.resolve("token-server.log"));
        out.println("tokens    mock-oauth2-server in a child JVM (default flags), " + tokenServer.tokenUrl());
    }

    RefreshServices services() {
        return services;
    }

    TokenServer tokenServer() {
        return tokenServer;
    }

    Path stdoutLog() {
        return work.resolve("stdout.log");
    }

    private void header(String title) {
        out.println(title);
        out.printf("date      %s%n", LocalDate.now());
        out.printf("machine   %d cores, %s, %s %s%n", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.version"));
        out.printf("java      %s %s (%s)%n", System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"), System.getProperty("java.home"));
        Object lambdaFlags = template.globalEnvironment().get("JAVA_TOOL_OPTIONS");
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:")).toList();
        String ours = String.join(" ", flags);
        out.printf("flags     %s%s%n", ours.isEmpty() ? "(JVM defaults)" : ours,
                Objects.equals(lambdaFlags == null ? "" : lambdaFlags.toString().strip(), ours)
                        ? " (template.yaml Globals' JAVA_TOOL_OPTIONS, as in Lambda)"
                        : " (template.yaml Globals has JAVA_TOOL_OPTIONS=" + lambdaFlags + ")");
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("cpu unknown");
        } catch (IOException | UncheckedIOException e) {
            return "cpu unknown";
        }
    }

    /** Stops the token server and gives the terminal back; the moto server, if ours, stops with the JVM. */
    @Override
    public void close() {
        if (tokenServer != null) {
            tokenServer.close();
        }
        System.out.flush();
        System.setOut(out);
        logs.close();
    }
}
