package dev.keyway.local;

import dev.keyway.provisioning.AwsEndpoint;
import dev.keyway.provisioning.Template;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/dev}'s Java half: provision template.yaml on the local AWS endpoint, host every
 * function, seed the demo app, print what a newcomer needs, and serve until stopped.
 *
 * <p>Arguments: {@code --aws-endpoint URL} (required), {@code --port N} (3000), {@code --oauth-port N}
 * (port + 1, the demo OAuth provider),
 * {@code --stack NAME} (keyway-local), {@code --state DIR} (.keyway).
 */
public final class LocalMain {
    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(option(args, "--aws-endpoint", null));
        int port = Integer.parseInt(option(args, "--port", "3000"));
        String stackName = option(args, "--stack", "keyway-local");
        Path state = Path.of(option(args, "--state", ".keyway"));

        var stack = LocalRunner.provision(Template.load(Template.locate()), stackName, AwsEndpoint.local(endpoint));
        writeEnvFile(state, stack);
        try (LocalRunner runner = LocalRunner.start(stack, port);
             DemoProvider provider = new DemoProvider(Integer.parseInt(option(args, "--oauth-port", String.valueOf(port + 1))))) {
            var demo = DemoSeed.ensure(DaggerLocalComponent.create(), state, runner.baseUrl(), provider);
            printBanner(runner, endpoint, demo, provider);
            Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
            new CountDownLatch(1).await();
        }
    }

    private static void printBanner(LocalRunner runner, URI endpoint, DemoSeed.Demo demo, DemoProvider provider) {
        String api = runner.baseUrl();
        System.out.println();
        System.out.println("Keyway is running locally.");
        System.out.println("  API:            " + api + "/v1");
        System.out.println("  local AWS:      " + endpoint + "   (table " + runner.stack().ref("KeywayTable") + ")");
        System.out.println("  demo app:       " + demo.appId() + (demo.created() ? " (new)" : " (reused)"));
        System.out.println("  demo key:       " + demo.secretKey());
        System.out.println("  demo OAuth:     " + provider.issuerUrl() + "   (mock-oauth2-server; any username signs in)");
        System.out.println();
        System.out.println("Connect an account in the browser (link valid 30 minutes, end user '" + DemoSeed.END_USER + "'):");
        System.out.println("  " + demo.connectUrl());
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -X POST -H \"Authorization: Bearer " + demo.secretKey() + "\" -H 'content-type: application/json' \\");
        System.out.println("       -d '{\"endUserId\":\"demo-user\"}' " + api + "/v1/connect-sessions");
        System.out.println("  curl -H \"Authorization: Bearer " + demo.secretKey() + "\" " + api + "/v1/linked-accounts");
        System.out.println("  curl -H \"Authorization: Bearer " + demo.secretKey() + "\" " + api + "/v1/providers");
        System.out.println("  curl -H \"Authorization: Bearer " + demo.secretKey() + "\" " + api + "/v1/connectors");
        System.out.println();
        System.out.println("Routes (from template.yaml):");
        runner.describeRoutes().forEach(line -> System.out.println("  " + line));
        System.out.println();
        System.out.println("Ctrl-C stops the runner; 'infra/local-aws stop' stops the local AWS endpoint.");
    }

    /** The settings bin/keyway needs to reach the same local stack. */
    private static void writeEnvFile(Path state, dev.keyway.provisioning.ProvisionedStack stack) throws java.io.IOException {
        java.nio.file.Files.createDirectories(state);
        StringBuilder env = new StringBuilder();
        for (String name : new String[] {"KEYWAY_AWS_ENDPOINT", "KEYWAY_TABLE", "KEYWAY_KEY_SET_SECRET",
                "KEYWAY_EVENT_BUS", "AWS_REGION"}) {
            env.append(name).append('=').append(System.getProperty(name)).append('\n');
        }
        java.nio.file.Files.writeString(state.resolve("local.env"), env.toString());
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return fallback;
    }
}
