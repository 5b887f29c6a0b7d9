package dev.keyway.functions.linkedaccounts;

import dagger.Component;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.RevocationRetryService;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** The revocation-retry function's object graph (same jar as linked-accounts, its own Lambda). */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class})
interface RevocationRetryComponent {
    RevocationRetryService retries();
}
