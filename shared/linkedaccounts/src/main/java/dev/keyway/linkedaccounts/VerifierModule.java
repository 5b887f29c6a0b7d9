package dev.keyway.linkedaccounts;

import dagger.Binds;
import dagger.Module;

/** Imports verify credentials against the provider's own verification endpoint. */
@Module
public interface VerifierModule {
    @Binds
    CredentialVerifier verifier(ProviderVerifier verifier);
}
