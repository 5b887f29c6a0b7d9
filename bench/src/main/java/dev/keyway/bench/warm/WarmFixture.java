package dev.keyway.bench.warm;

import dev.keyway.linkedaccounts.CredentialImportService;
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
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * What {@code bin/bench resolve} and {@code bin/bench proxy} share: the local endpoint chosen as
 * the tests choose it, template.yaml provisioned on it (stack {@code keyway-bench}), its settings
 * published as system properties the way the test extension publishes them (so handlers built
 * with their no-arg constructors, Dagger and all, find their table, key set and endpoint), and the
 * data a warm call needs: a local-mode app, a custom API-key connector and an imported linked
 * account, all created through Keyway's own services.
 *
 * <p>The handlers print one JSON log line per call on stdout, as they do in Lambda; while the
 * bench runs, stdout goes to {@code bench/target/<bench>/stdout.log} (the writing stays in the
 * timed path, as in Lambda) and the report to the terminal.
 */
final class WarmFixture implements AutoCloseable {
    static final String STACK_NAME = "keyway-bench";
    static final String CONNECTOR = "bench-api";
    static final String AUTH_METHOD = "key";
    static final String API_KEY_HEADER = "X-API-Key";
    private static final String ACTOR = "bench";

    final PrintStream out;
    final Path root;
    final Path work;
    final Template template;
    private final PrintStream handlerStdout;
    private AwsEndpoint endpoint;
    private BenchServices services;
    private ProvisionedStack stack;

    private WarmFixture(PrintStream out, Path root, Path work, Template template, PrintStream handlerStdout) {
        this.out = out;
        this.root = root;
        this.work = work;
        this.template = template;
        this.handlerStdout = handlerStdout;
    }

    /** Prints the header, sends stdout to {@code bench/target/<name>/stdout.log}, provisions and publishes the settings. */
    static WarmFixture start(String name, String title) {
        Path templateFile = Template.locate();
        Path root = templateFile.getParent();
        Template template = Template.load(templateFile);
        Path work = root.resolve("bench/target").resolve(name);
        PrintStream out = System.out;
        PrintStream handlerStdout;
        try {
            Files.createDirectories(work);
            handlerStdout = new PrintStream(new BufferedOutputStream(
                    Files.newOutputStream(work.resolve("stdout.log")), 1 << 16), false, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + work, e);
        }
        WarmFixture fixture = new WarmFixture(out, root, work, template, handlerStdout);
        fixture.header(title);
        System.setOut(handlerStdout);
        fixture.provision();
        return fixture;
    }

    private void provision() {
        // The same choice tests make: KEYWAY_AWS_ENDPOINT, else LocalStack, else a moto server of this JVM's.
        endpoint = Endpoints.choose(root);
        out.println("endpoint  " + endpoint.url());
        stack = Provisioner.provision(template, STACK_NAME, endpoint);
        LocalAws.publishSettings(endpoint, stack);
        services = DaggerBenchServices.create();
    }

    /** A linked account ready for warm calls, and the secret it holds (the bench checks it comes back). */
    record Account(String appId, String linkedAccountId, String apiKey) {
        @Override
        public String toString() {
            return "Account[" + appId + ", " + linkedAccountId + "]";
        }
    }

    /**
     * A local-mode app (so its custom connector may point at 127.0.0.1), a custom connector with
     * one API-key auth method injected as a header, and a linked account imported with a fresh key.
     */
    Account seed(String baseUrl) {
        String appId = services.apps().createApp("Keyway warm bench", true, ACTOR).id();
        services.connectors().put(appId, CONNECTOR, """
                {"provider": "custom", "displayName": "Bench API", "baseUrl": "%s",
                 "authMethods": [{"id": "%s", "type": "API_KEY", "inject": {"in": "header", "name": "%s"}}]}
                """.formatted(baseUrl, AUTH_METHOD, API_KEY_HEADER), ACTOR);
        String apiKey = "bench_" + UUID.randomUUID().toString().replace("-", "");
        var imported = services.imports().importOne(appId, """
                {"connector": "%s", "authMethod": "%s", "endUserId": "bench-user", "externalRef": "bench-%s",
                 "credentials": {"apiKey": "%s"}}
                """.formatted(CONNECTOR, AUTH_METHOD, UUID.randomUUID(), apiKey), ACTOR);
        if (imported.result() != CredentialImportService.Outcome.created || imported.linkedAccount() == null) {
            throw new BenchFailed("the import answered " + imported.result()
                    + (imported.error() == null ? "" : ": " + imported.error().code() + " " + imported.error().message()));
        }
        return new Account(appId, imported.linkedAccount().id(), apiKey);
    }

    /**
     * The bare read: one consistent GetItem of the linked account's item ({@code pk=LA#<id>, sk=LA}),
     * what the linked-account repository sends, on the bench's own client built by AwsClientsModule.
     */
    GetItemRequest accountItem(String linkedAccountId) {
        return GetItemRequest.builder()
                .tableName(services.config().tableName())
                .key(java.util.Map.of("pk", AttributeValue.fromS("LA#" + linkedAccountId), "sk", AttributeValue.fromS("LA")))
                .consistentRead(true)
                .build();
    }

    GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = services.dynamoDb().getItem(request);
        if (!response.hasItem() || response.item().isEmpty()) {
            throw new BenchFailed("the bare GetItem found no item " + request.key());
        }
        return response;
    }

    /** What template.yaml became on the endpoint: the local runner serves it (bin/bench load). */
    ProvisionedStack stack() {
        return stack;
    }

    /** A secret key of the app, for calls through the HTTP API. */
    String secretKey(String appId) {
        return services.apps().createKey(appId, ACTOR).secretKey();
    }

    String tableName() {
        return services.config().tableName();
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

    /** Flushes the handlers' stdout and gives the terminal back; the moto server, if ours, stops with the JVM. */
    @Override
    public void close() {
        System.out.flush();
        System.setOut(out);
        handlerStdout.close();
    }
}
