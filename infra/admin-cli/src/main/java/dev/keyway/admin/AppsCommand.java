package dev.keyway.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apps", description = "Manage apps (tenants).", subcommands = AppsCommand.Create.class)
final class AppsCommand {

    @Command(name = "create", description = "Create an app and issue its first secret key (shown once).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "Display name of the app.")
        String name;

        @Option(names = "--local", description = "Local mode: connectors may use http://127.0.0.1 URLs. For development only.")
        boolean local;

        @Override
        public Integer call() {
            var services = KeywayCli.services();
            var app = services.apps().createApp(name, local, KeywayCli.ACTOR);
            var key = services.apps().createKey(app.id(), KeywayCli.ACTOR);
            System.out.println("app:        " + app.id() + (app.localMode() ? "  (local mode)" : ""));
            System.out.println("key id:     " + key.keyId());
            System.out.println("secret key: " + key.secretKey());
            System.out.println("The secret key is shown only now; Keyway stores only its hash.");
            return 0;
        }
    }
}
