package dev.keyway.functions.connectors;

import dagger.Component;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import dev.keyway.apps.AppSettingsService;
import dev.keyway.linkedaccounts.ScopeChanges;
import javax.inject.Singleton;

/** The connectors function's object graph, built once per container. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class})
interface ConnectorsComponent {
    ConnectorService connectors();

    AppSettingsService settings();

    ScopeChanges scopeChanges();
}
