package dev.keyway.local;

import dagger.Component;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppKeyAuthenticator;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** What the runner itself needs beyond the functions: seeding the demo app. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class})
interface LocalComponent {
    AppAdminService apps();

    AppKeyAuthenticator authenticator();

    ConnectorService connectors();

    dev.keyway.connect.session.ConnectSessionService connectSessions();
}
