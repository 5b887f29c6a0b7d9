package dev.keyway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.ConnectorDefinitionParser;
import dev.keyway.crypto.CredentialCipher;
import dev.keyway.crypto.KeySetMasterKeyProvider;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.ReencryptionSweep;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * {@code bin/keyway encryption rotate} against the real local endpoint while another
 * "container" (its own cipher, its own cached key set) keeps reading client secrets.
 */
@ExtendWith(LocalAwsExtension.class)
class KeyRotationTest {

    /** One container's worth of services: its own cipher and key-set cache. */
    record Container(ConnectorService connectors, ConnectorRepository repository, AppAdminService apps,
                     CredentialCipher cipher) {
        static Container start(LocalAws aws) {
            var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
            var source = new SecretsManagerKeySetSource(aws.secretsManager(), aws.config().keySetSecretId());
            var cipher = new CredentialCipher(new KeySetMasterKeyProvider(source));
            var repository = new ConnectorRepository(table, new EncryptedSecrets(cipher));
            var authLog = new AuthLog(table, Clock.systemUTC());
            var apps = new AppRepository(table);
            var catalog = ProviderCatalog.shipped();
            return new Container(new ConnectorService(table, repository, apps, new ConnectorDefinitionParser(catalog),
                    catalog, authLog, Clock.systemUTC()), repository,
                    new AppAdminService(table, apps, authLog, Clock.systemUTC()), cipher);
        }
    }

    static String body(String secret) {
        return """
                {"provider": "github", "authMethods": [
                  {"id": "oauth", "type": "OAUTH2", "clientId": "Iv1.rot", "clientSecret": "%s"}]}
                """.formatted(secret);
    }

    @Test
    void rotate_reencryptsEverySecretUnderTheNewKey_whileReadsContinue(LocalAws aws) throws Exception {
        // GIVEN connectors written under the current primary key
        Container writer = Container.start(aws);
        String appId = writer.apps().createApp("Rotation", false, "test").id();
        Map<String, String> secrets = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String key = "conn-" + i;
            secrets.put(key, "rotation-secret-" + i + "-" + java.util.UUID.randomUUID());
            writer.connectors().put(appId, key, body(secrets.get(key)), "test");
        }
        String oldPrimary = writer.cipher().primaryKeyId();

        // AND another container that keeps reading them, with the old key set cached
        Container reader = Container.start(aws);
        assertThat(readAll(reader, appId, secrets)).isEqualTo(secrets.size());
        AtomicBoolean rotating = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (rotating.get() && failure.get() == null) {
                    try {
                        reads.addAndGet(readAll(reader, appId, secrets));
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }
            }));
        }

        // WHEN the operator rotates
        int exit = KeywayCli.run("encryption", "rotate");
        rotating.set(false);
        for (Thread t : readers) {
            t.join();
        }

        // THEN no read failed, and every record is under the new primary
        assertThat(exit).isZero();
        assertThat(failure.get()).as("a read failed during rotation").isNull();
        assertThat(reads.get()).isPositive();
        var sweep = new ReencryptionSweep(new KeywayTable(aws.dynamoDb(), aws.config().tableName()),
                new EncryptedSecrets(reader.cipher()), reader.cipher());
        assertThat(sweep.remaining(oldPrimary)).isZero();
        String newPrimary = new SecretsManagerKeySetSource(aws.secretsManager(), aws.config().keySetSecretId())
                .load().primaryKeyId();
        assertThat(newPrimary).isNotEqualTo(oldPrimary);
        for (String key : secrets.keySet()) {
            var stored = reader.repository().find(appId, key).orElseThrow();
            String ciphertext = stored.item().get("secrets").m().get("clientSecret/oauth").s();
            assertThat(CredentialCipher.keyIdOf(ciphertext)).isEqualTo(newPrimary);
            assertThat(stored.item().get("encKeyShard").s()).startsWith(newPrimary + "#");
        }
        assertThat(readAll(Container.start(aws), appId, secrets)).isEqualTo(secrets.size());

        // AND the old key can now be retired; it is refused while anything is still under it
        assertThat(KeywayCli.run("encryption", "retire", "--key", newPrimary)).isNotZero();
        assertThat(KeywayCli.run("encryption", "retire", "--key", oldPrimary)).isZero();
        assertThat(readAll(Container.start(aws), appId, secrets)).isEqualTo(secrets.size());

        // AND no secret is stored in plaintext
        String everything = aws.dynamoDb().scan(ScanRequest.builder().tableName(aws.config().tableName()).build())
                .items().toString();
        secrets.values().forEach(secret -> assertThat(everything).doesNotContain(secret));
    }

    /** Reads and decrypts every connector's client secret; fails if any differs. */
    private static int readAll(Container container, String appId, Map<String, String> expected) {
        int n = 0;
        for (var entry : expected.entrySet()) {
            var stored = container.repository().find(appId, entry.getKey()).orElseThrow();
            assertThat(container.repository().clientSecrets(stored)).containsEntry("oauth", entry.getValue());
            n++;
        }
        return n;
    }
}
