package dev.keyway.functions.credentialimport;

import dagger.Component;
import dev.keyway.apps.AppAdminService;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.LinkedAccountService;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** Test data set-up, wired by Dagger as the functions are. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class})
interface Fixture {
    AppAdminService apps();

    ConnectorService connectors();

    LinkedAccountService linkedAccounts();
}
