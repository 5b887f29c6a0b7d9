package dev.keyway.functions.authorizer;

import dagger.Component;
import dev.keyway.apps.AppKeyAuthenticator;
import dev.keyway.storage.AwsClientsModule;
import javax.inject.Singleton;

/** The authorizer's object graph, built once per container. */
@Singleton
@Component(modules = AwsClientsModule.class)
interface AuthorizerComponent {
    AppKeyAuthenticator authenticator();
}
