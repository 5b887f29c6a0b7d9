package dev.keyway.functions.linkedaccounts;

import dagger.Component;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.LinkedAccountService;
import dev.keyway.linkedaccounts.FreshAccounts;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** The linked-accounts function's object graph, built once per container. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class})
interface LinkedAccountsComponent {
    LinkedAccountService linkedAccounts();

    FreshAccounts fresh();
}
