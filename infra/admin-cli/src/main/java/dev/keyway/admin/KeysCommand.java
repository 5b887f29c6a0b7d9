package dev.keyway.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", description = "Manage app secret keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
final class KeysCommand {

    @Command(name = "create", description = "Issue a new secret key for an app (shown once).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--app", required = true, description = "App id (app_...).")
        String appId;

        @Override
        public Integer call() {
            var key = KeywayCli.services().apps().createKey(appId, KeywayCli.ACTOR);
            System.out.println("key id:     " + key.keyId());
            System.out.println("secret key: " + key.secretKey());
            System.out.println("The secret key is shown only now; Keyway stores only its hash.");
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a secret key; requests with it get 401 at once.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--app", required = true, description = "App id (app_...).")
        String appId;

        @Option(names = "--key", required = true, description = "Key id (key_...), as 'keys list' shows it.")
        String keyId;

        @Override
        public Integer call() {
            KeywayCli.services().apps().revokeKey(appId, keyId, KeywayCli.ACTOR);
            System.out.println("revoked " + keyId);
            return 0;
        }
    }

    @Command(name = "list", description = "List an app's keys (ids and hints, never the keys).")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--app", required = true, description = "App id (app_...).")
        String appId;

        @Override
        public Integer call() {
            for (var key : KeywayCli.services().apps().keys(appId)) {
                System.out.printf("%-32s %-22s %-8s %s%n", key.keyId(), key.hint(), key.status(), key.createdAt());
            }
            return 0;
        }
    }
}
