package dev.keyway.storage;

import dagger.Module;
import dagger.Provides;
import dev.keyway.core.KeywayConfig;
import dev.keyway.crypto.CredentialCipher;
import dev.keyway.crypto.KeySetMasterKeyProvider;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import javax.inject.Singleton;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The credential cipher over the master key set in Secrets Manager. Building it reads nothing:
 * the key set is fetched on first use, so a SnapStart snapshot never contains key material.
 */
@Module
public final class CryptoModule {
    private CryptoModule() {
    }

    @Provides
    @Singleton
    static SecretsManagerKeySetSource keySetSource(SecretsManagerClient client, KeywayConfig config) {
        return new SecretsManagerKeySetSource(client, config.keySetSecretId());
    }

    @Provides
    @Singleton
    static CredentialCipher cipher(SecretsManagerKeySetSource source) {
        return new CredentialCipher(new KeySetMasterKeyProvider(source));
    }
}
