package dev.keyway.provisioning;

import static dev.keyway.provisioning.Values.list;
import static dev.keyway.provisioning.Values.map;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Creates an AWS::SecretsManager::Secret. A secret the template gives no SecretString is
 * Keyway's master key set, which CloudFormation cannot generate in the shape the envelope
 * encryption reads, so it is created holding a fresh one. An existing secret is never
 * touched: rewriting a key set would orphan everything encrypted under it.
 */
final class SecretProvisioner {

    static final Set<String> SUPPORTED = Set.of("Name", "Description", "SecretString", "KmsKeyId", "Tags");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretsManagerClient secretsManager;
    private final Resolver resolver;

    SecretProvisioner(SecretsManagerClient secretsManager, Resolver resolver) {
        this.secretsManager = secretsManager;
        this.resolver = resolver;
    }

    /** Returns the secret's ARN (what {@code !Ref} gives for a secret). */
    String provision(Resource secret, String physicalName) {
        // GenerateSecretString among unknown ones: its password shape is not a key set either.
        secret.requireOnly(SUPPORTED, "secret");
        try {
            return existingArn(physicalName);
        } catch (ResourceNotFoundException absent) {
            try {
                return secretsManager.createSecret(createRequest(physicalName, secret.properties())).arn();
            } catch (ResourceExistsException createdMeanwhile) {
                return existingArn(physicalName);
            }
        }
    }

    private String existingArn(String name) {
        DescribeSecretResponse existing = secretsManager.describeSecret(r -> r.secretId(name));
        if (existing.deletedDate() != null) {
            throw new IllegalStateException("secret " + name + " is scheduled for deletion; restore it"
                    + " (aws secretsmanager restore-secret) or pick another stack name");
        }
        return existing.arn();
    }

    private CreateSecretRequest createRequest(String name, Map<String, Object> p) {
        CreateSecretRequest.Builder request = CreateSecretRequest.builder()
                .name(name)
                .secretString(p.containsKey("SecretString") ? resolver.resolve(p.get("SecretString")) : initialKeySet());
        if (p.containsKey("Description")) {
            request.description(resolver.resolve(p.get("Description")));
        }
        if (p.containsKey("KmsKeyId")) {
            request.kmsKeyId(resolver.resolve(p.get("KmsKeyId")));
        }
        if (p.containsKey("Tags")) {
            request.tags(list(p.get("Tags")).stream()
                    .map(t -> Tag.builder()
                            .key(resolver.resolve(map(t).get("Key")))
                            .value(resolver.resolve(map(t).get("Value")))
                            .build())
                    .toList());
        }
        return request.build();
    }

    /** The envelope-encryption key set: one 256-bit master key, k1, which is primary. */
    static String initialKeySet() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        // Base64 has no character that needs escaping in JSON, so no JSON library is needed.
        return "{\"primary\":\"k1\",\"keys\":{\"k1\":\"" + Base64.getEncoder().encodeToString(key) + "\"}}";
    }
}
