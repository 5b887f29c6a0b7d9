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
    final TokenRefresher refresher;
    final FreshAccounts fresh;
    final RefreshSchedule schedule;
    final ScheduledRefresh scheduled;
    final ConnectorCache cache;

    Services(LocalAws aws, CredentialVerifier verifier) {
        this(aws, verifier, Clock.systemUTC());
    }

    /** With the real verifier (the catalog's or connector's verification call, a CUSTOM account's own check). */
    static Services withProviderVerifier(LocalAws aws, Clock clock) {
        var verifier = new java.util.concurrent.atomic.AtomicReference<CredentialVerifier>();
        Services services = new Services(aws, account -> verifier.get().verify(account), clock);
        verifier.set(new ProviderVerifier(new dev.keyway.upstream.UpstreamClient(), services.cache, ProviderCatalog.shipped()));
        return services;
    }

    /** {@code clock}: every time decision of the services, so tests move time instead of sleeping. */
    Services(LocalAws aws, CredentialVerifier verifier, Clock clock) {
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
        cache = new ConnectorCache(connectorRepository, clock);
        resolver = new LinkedAccountResolver(accounts, cache, catalog, appRepository);
        schedule = new RefreshSchedule(catalog);
        var tokenClient = new dev.keyway.oauth.TokenClient();
        imports = new CredentialImportService(table, accounts, new ImportParser(cache, resolver, clock), resolver,
                verifier, new ClientCredentialsTokens(tokenClient, catalog, resolver, clock), schedule, authLog, clock);
        var pending = new PendingRevocations(table, secrets);
        var revocations = new Revocations(connectorRepository, catalog, new TokenRevoker());
        linkedAccounts = new LinkedAccountService(table, accounts, pending, revocations, authLog, clock);
        retries = new RevocationRetryService(table, pending, revocations, authLog, clock);
        refresher = new TokenRefresher(table, accounts, connectorRepository, catalog, resolver, tokenClient, verifier,
                schedule, authLog, clock);
        fresh = new FreshAccounts(accounts, resolver, refresher, clock);
        scheduled = new ScheduledRefresh(table, refresher, clock);
        resolve = new ResolveService(accounts, fresh, clock);
    }
}
