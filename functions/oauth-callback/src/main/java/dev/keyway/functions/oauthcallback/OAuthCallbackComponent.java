package dev.keyway.functions.oauthcallback;

import dagger.Component;
import dev.keyway.connect.oauth.OAuthCallback;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.VerifierModule;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import javax.inject.Singleton;

/** The oauth-callback function's object graph, built once per container. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, VerifierModule.class})
interface OAuthCallbackComponent {
    OAuthCallback callback();
}
