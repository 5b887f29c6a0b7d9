package dev.keyway.functions.proxy;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dev.keyway.apps.AppAdminService;
import dev.keyway.connectors.ConnectorService;
import dev.keyway.connectors.ConnectorsModule;
import dev.keyway.linkedaccounts.CredentialImportService;
import dev.keyway.linkedaccounts.CredentialVerifier;
import dev.keyway.linkedaccounts.LinkedAccountRepository;
import dev.keyway.linkedaccounts.LinkedAccountResolver;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import java.time.Clock;
import javax.inject.Singleton;

/** The real services around the proxy, wired by Dagger against the local AWS endpoint: what the tests set up data with. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class, ConnectorsModule.class, TestComponent.NoVerification.class})
interface TestComponent {
    AppAdminService apps();

    ConnectorService connectors();

    CredentialImportService imports();

    LinkedAccountResolver resolver();

    dev.keyway.linkedaccounts.FreshAccounts fresh();

    LinkedAccountRepository accounts();

    Clock clock();

    /** Imports here never call a verification endpoint. */
    @Module
    final class NoVerification {
        @Provides
        static CredentialVerifier verifier() {
            return account -> CredentialVerifier.Verdict.NOT_SUPPORTED;
        }
    }
}
