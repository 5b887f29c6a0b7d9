package dev.keyway.linkedaccounts;

/**
 * Asks the provider whether credentials work (the catalog's verification endpoint). Imports
 * with {@code verify: true} call it before anything is stored.
 */
public interface CredentialVerifier {
    enum Verdict { ACCEPTED, REJECTED, NOT_SUPPORTED, UNAVAILABLE }

    Verdict verify(ResolvedAccount account);
}
