package dev.keyway.functions.connect;

import dagger.Component;
import dev.keyway.connect.api.SessionApi;
import dev.keyway.connect.oauth.OAuthStart;
import dev.keyway.connect.portal.PortalService;
import dev.keyway.connect.session.ConnectSessionService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** The connect function's object graph, built once per container. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class})
interface ConnectComponent {
    ConnectSessionService sessions();

    PortalService portal();

    OAuthStart oauthStart();

    SessionApi sessionApi();
}
