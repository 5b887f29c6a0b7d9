package dev.keyway.admin;

import dev.keyway.core.KeywayException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/keyway}: operator commands that write straight to DynamoDB and Secrets Manager.
 * Configuration comes from the same settings the functions read (KEYWAY_TABLE,
 * KEYWAY_KEY_SET_SECRET, KEYWAY_AWS_ENDPOINT, AWS_REGION); bin/keyway fills them in for the
 * local runner.
 */
@Command(name = "keyway", mixinStandardHelpOptions = true,
        description = "Keyway admin: apps, app secret keys, encryption keys.",
        subcommands = {AppsCommand.class, KeysCommand.class, EncryptionCommand.class})
public final class KeywayCli implements Callable<Integer> {
    static final String ACTOR = "admin-cli";
    private static AdminComponent component;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new KeywayCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    String message = e instanceof KeywayException k ? k.code() + ": " + k.getMessage()
                            : e.getClass().getSimpleName() + ": " + e.getMessage();
                    cmd.getErr().println("error: " + message);
                    return e instanceof KeywayException k && k.status() < 500 ? 1 : 2;
                })
                .execute(args);
    }

    /** Built on first use so that {@code --help} works without any configuration. */
    static synchronized AdminComponent services() {
        if (component == null) {
            component = DaggerAdminComponent.create();
        }
        return component;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
