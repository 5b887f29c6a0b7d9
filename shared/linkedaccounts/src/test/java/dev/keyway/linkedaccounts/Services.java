package dev.keyway.linkedaccounts;

import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.connectors.ConnectorCache;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.ConnectorDefinitionParser;
import dev.keyway.crypto.CredentialCipher;
import dev.keyway.crypto.KeySetMasterKeyProvider;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import java.time.Clock;

/** The services wired by hand (what Dagger does in a function) against the real local endpoint. */
final class Services {
    final KeywayTable table;
    final AuthLog authLog;
    final AppAdminService apps;
    final ConnectorService connectors;
    final LinkedAccountRepository accounts;
    final LinkedAccountResolver resolver;
    final CredentialImportService imports;
    final LinkedAccountService linkedAccounts;
    final RevocationRetryService retries;
    final ResolveService resolve;

    Services(LocalAws aws, CredentialVerifier verifier) {
        Clock clock = Clock.systemUTC();
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var cipher = new CredentialCipher(new KeySetMasterKeyProvider(
                new SecretsManagerKeySetSource(aws.secretsManager(), aws.config().keySetSecretId())));
        var secrets = new EncryptedSecrets(cipher);
        authLog = new AuthLog(table, clock);
        var appRepository = new AppRepository(table);
        apps = new AppAdminService(table, appRepository, authLog, clock);
        var catalog = ProviderCatalog.shipped();
        var connectorRepository = new ConnectorRepository(table, secrets);
        connectors = new ConnectorService(table, connectorRepository, appRepository,
                new ConnectorDefinitionParser(catalog), catalog, authLog, clock);
        accounts = new LinkedAccountRepository(table, secrets);
        var cache = new ConnectorCache(connectorRepository, clock);
        resolver = new LinkedAccountResolver(accounts, cache, catalog, appRepository);
        imports = new CredentialImportService(table, accounts, new ImportParser(cache, resolver, clock), resolver,
                verifier, new ClientCredentialsTokens(new dev.keyway.oauth.TokenClient(), catalog, resolver, clock), authLog,
                clock);
        var pending = new PendingRevocations(table, secrets);
        var revocations = new Revocations(connectorRepository, catalog, new TokenRevoker());
        linkedAccounts = new LinkedAccountService(table, accounts, pending, revocations, authLog, clock);
        retries = new RevocationRetryService(table, pending, revocations, authLog, clock);
        resolve = new ResolveService(accounts, resolver, clock);
    }
}
