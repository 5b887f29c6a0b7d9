package dev.keyway.functions.resolve;

import dagger.Component;
import dev.keyway.apps.AppAdminService;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.CredentialImportService;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** The services the tests set data up with, wired by Dagger exactly as the functions wire them. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class})
interface Fixture {
    AppAdminService apps();

    ConnectorService connectors();

    CredentialImportService imports();
}
