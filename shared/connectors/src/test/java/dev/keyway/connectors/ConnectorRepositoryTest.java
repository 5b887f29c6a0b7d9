package dev.keyway.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.ConnectorDefinitionParser;
import dev.keyway.crypto.CredentialCipher;
import dev.keyway.crypto.KeySetMasterKeyProvider;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The write conditions that make lost updates impossible, checked against real DynamoDB semantics. */
@ExtendWith(LocalAwsExtension.class)
class ConnectorRepositoryTest {
    private KeywayTable table;
    private ConnectorRepository repository;
    private ConnectorDefinitionParser parser;
    private String appId;

    @BeforeEach
    void setUp(LocalAws aws) {
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var cipher = new CredentialCipher(new KeySetMasterKeyProvider(
                new SecretsManagerKeySetSource(aws.secretsManager(), aws.config().keySetSecretId())));
        repository = new ConnectorRepository(table, new EncryptedSecrets(cipher));
        parser = new ConnectorDefinitionParser(ProviderCatalog.shipped());
        appId = "app_repo_" + java.util.UUID.randomUUID();
    }

    private dev.keyway.connectors.definition.ParsedConnector github(String secret) {
        return parser.parse("github", """
                {"provider": "github", "authMethods": [
                  {"id": "oauth", "type": "OAUTH2", "clientId": "Iv1.x", "clientSecret": "%s"}]}
                """.formatted(secret), false);
    }

    private void write(dev.keyway.connectors.definition.ParsedConnector parsed, Optional<StoredConnector> previous) {
        Transactions.write(table, List.of(repository.put(appId, parsed.definition(),
                parsed.clientSecretsByAuthMethodId(), previous, Instant.now())));
    }

    @Test
    void create_failsWhenTheConnectorAppearedAfterItWasRead() {
        // GIVEN two writers that both read "absent"; the first creates the connector
        write(github("first-secret"), Optional.empty());

        // WHEN the second creates it as well
        // THEN its condition fails and the first write stands
        assertThatThrownBy(() -> write(github("second-secret"), Optional.empty()))
                .isInstanceOf(Transactions.ConditionFailed.class)
                .satisfies(e -> assertThat(((Transactions.ConditionFailed) e).failedAt(0)).isTrue());
        var stored = repository.find(appId, "github").orElseThrow();
        assertThat(repository.clientSecrets(stored)).containsEntry("oauth", "first-secret");
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void update_failsWhenTheVersionReadIsStale() {
        write(github("v1-secret"), Optional.empty());
        var read = repository.find(appId, "github");
        write(github("v2-secret"), read);

        assertThatThrownBy(() -> write(github("stale-secret"), read)).isInstanceOf(Transactions.ConditionFailed.class);
        var stored = repository.find(appId, "github").orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(repository.clientSecrets(stored)).containsEntry("oauth", "v2-secret");
    }

    @Test
    void storedItem_holdsOnlyCiphertext_boundToItsRecord() {
        write(github("bound-secret"), Optional.empty());
        var item = table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("APP#" + appId),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CONNECTOR#github")))
                .build()).item();

        assertThat(item.toString()).doesNotContain("bound-secret");
        assertThat(item.get("secrets").m()).containsOnlyKeys("clientSecret/oauth");
        assertThat(item.get("recordId").s()).isEqualTo(item.get("pk").s() + "|" + item.get("sk").s());
        assertThat(item.get("encKeyShard").s()).matches("k[0-9]+#[0-9]{2}");
    }
}
