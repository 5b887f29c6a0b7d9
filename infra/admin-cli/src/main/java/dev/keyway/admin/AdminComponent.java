package dev.keyway.admin;

import dagger.Component;
import dev.keyway.apps.AppAdminService;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.storage.AwsClientsModule;
import dev.keyway.storage.CryptoModule;
import dev.keyway.storage.ReencryptionSweep;
import javax.inject.Singleton;

/** The admin CLI's object graph: the same services the functions use, built from the same config. */
@Singleton
@Component(modules = {AwsClientsModule.class, CryptoModule.class})
interface AdminComponent {
    AppAdminService apps();

    ReencryptionSweep sweep();

    SecretsManagerKeySetSource keySets();
}
