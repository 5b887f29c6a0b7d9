package dev.keyway.functions.resolve;

import dagger.Component;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.ResolveService;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** The resolve function's object graph, built once per container. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class})
interface ResolveComponent {
    ResolveService resolve();
}
