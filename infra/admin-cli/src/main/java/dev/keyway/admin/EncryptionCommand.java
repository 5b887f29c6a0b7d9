package dev.keyway.admin;

import dev.keyway.crypto.KeySet;
import dev.keyway.crypto.KeySetRotation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Master key rotation with no downtime: {@code rotate} adds a key and makes it primary (new
 * writes use it at once; containers pick it up when they meet a ciphertext under it or when
 * their cached set ages out), then re-encrypts every stored secret under it. The old key stays
 * in the set, so reads never fail, until {@code retire} finds nothing left under it.
 */
@Command(name = "encryption", description = "Master key set: init, rotate, sweep, retire.",
        subcommands = {EncryptionCommand.Init.class, EncryptionCommand.Rotate.class,
                EncryptionCommand.Sweep.class, EncryptionCommand.Retire.class})
final class EncryptionCommand {

    @Command(name = "init", description = "Write a first key set into the secret unless it already holds one (after the first deploy).")
    static final class Init implements Callable<Integer> {
        @Override
        public Integer call() {
            var store = KeywayCli.services().keySets();
            try {
                KeySet existing = store.load();
                System.out.println("key set already present; primary " + existing.primaryKeyId());
            } catch (RuntimeException notYetAKeySet) {
                store.save(KeySetRotation.initial());
                System.out.println("wrote a new key set; primary k1");
            }
            return 0;
        }
    }

    @Command(name = "rotate", description = "Add a new primary key, then re-encrypt every stored secret under it.")
    static final class Rotate implements Callable<Integer> {
        @Override
        public Integer call() {
            var services = KeywayCli.services();
            KeySet current = services.keySets().load();
            KeySet next = KeySetRotation.rotate(current);
            services.keySets().save(next);
            System.out.println("new primary key " + next.primaryKeyId());
            for (String old : current.keyIds()) {
                int moved = services.sweep().sweep(old, System.out::println);
                System.out.println(old + ": re-encrypted " + moved + " records");
            }
            // Containers re-read the key set at most 15 minutes after it changes (KeySetMasterKeyProvider.MAX_AGE);
            // until then some may still write under the old primary.
            System.out.println("after 15 minutes (every container then has the new primary) run 'encryption sweep'"
                    + " once more, then 'encryption retire --key <old id>'");
            return 0;
        }
    }

    @Command(name = "sweep", description = "Re-encrypt records still under non-primary keys (resume a rotation).")
    static final class Sweep implements Callable<Integer> {
        @Override
        public Integer call() {
            var services = KeywayCli.services();
            KeySet current = services.keySets().load();
            for (String id : current.keyIds()) {
                if (!id.equals(current.primaryKeyId())) {
                    System.out.println(id + ": re-encrypted " + services.sweep().sweep(id, System.out::println) + " records");
                }
            }
            return 0;
        }
    }

    @Command(name = "retire", description = "Remove an old key from the set; refused while any record is still under it.")
    static final class Retire implements Callable<Integer> {
        @Option(names = "--key", required = true, description = "Key id to retire, e.g. k1.")
        String keyId;

        @Override
        public Integer call() {
            var services = KeywayCli.services();
            int remaining = services.sweep().remaining(keyId);
            if (remaining > 0) {
                System.err.println("error: " + remaining + " records are still under " + keyId + "; run 'encryption sweep' first");
                return 1;
            }
            services.keySets().save(KeySetRotation.retire(services.keySets().load(), keyId));
            System.out.println("retired " + keyId);
            return 0;
        }
    }
}
