package dev.keyway.crypto;

import dev.keyway.core.KeywayException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The key set as the string value of one Secrets Manager secret. Each {@link #load()} is one
 * {@code GetSecretValue}; caching is {@link KeySetMasterKeyProvider}'s job.
 */
public final class SecretsManagerKeySetSource implements KeySetSource, KeySetStore {
    private final SecretsManagerClient client;
    private final String secretId;

    public SecretsManagerKeySetSource(SecretsManagerClient client, String secretId) {
        this.client = client;
        this.secretId = secretId;
    }

    @Override
    public KeySet load() {
        String json;
        try {
            json = client.getSecretValue(r -> r.secretId(secretId)).secretString();
        } catch (SdkException e) {
            // SDK errors name the secret and the request, never the secret's value.
            throw unavailable(e);
        }
        if (json == null) {
            throw unavailable(new IllegalStateException("secret " + secretId + " has no string value"));
        }
        try {
            return KeySet.parse(json);
        } catch (IllegalArgumentException e) {
            // KeySet's messages name key ids only, never key bytes, and chain no parser error.
            throw unavailable(new IllegalStateException("secret " + secretId + " is invalid: " + e.getMessage()));
        }
    }

    @Override
    public void save(KeySet keySet) {
        try {
            client.putSecretValue(r -> r.secretId(secretId).secretString(keySet.toJson()));
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /**
     * The message reaches API callers, so it stays generic; the cause tells operators which
     * secret and why.
     */
    private static KeywayException unavailable(Exception cause) {
        return KeywayException.unavailable("master key set unavailable", cause);
    }

    @Override
    public String toString() {
        return "SecretsManagerKeySetSource[" + secretId + "]";
    }
}
