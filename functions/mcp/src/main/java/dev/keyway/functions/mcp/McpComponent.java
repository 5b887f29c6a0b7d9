package dev.keyway.functions.mcp;

import dagger.Component;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.mcp.McpModule;
import dev.keyway.mcp.McpServerService;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** The mcp function's object graph, built once per container. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class,
        McpModule.class})
interface McpComponent {
    McpServerService servers();

    McpEndpoint endpoint();
}
