package dev.keyway.storage;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.crypto.CredentialCipher;
import dev.keyway.crypto.EncryptionContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How any item stores credentials: a {@code secrets} map of ciphertexts keyed by credential
 * type, plus {@code appId} and {@code recordId} (the AAD's other two parts) and
 * {@code encKeyShard}, which puts the item in the sparse {@code encKey} index under the master
 * key that encrypted it. Every write encrypts all of an item's secrets under the current
 * primary key, so one key id describes the whole item and the rotation sweep can find it.
 *
 * <p>The record id is the item's own primary key ({@code pk|sk}), and decryption takes it from the
 * key the item was read under, never from an attribute: a ciphertext copied into another row, even
 * together with its {@code appId} and {@code recordId} attributes, fails to decrypt there.
 */
@Singleton
public final class EncryptedSecrets {
    public static final String SECRETS = "secrets";
    public static final String ENC_KEY_SHARD = "encKeyShard";
    public static final String RECORD_ID = "recordId";
    public static final String APP_ID = "appId";
    /** Spreads the encKey index over partitions so it never becomes a hot key. */
    public static final int SHARDS = 16;

    private final CredentialCipher cipher;

    @Inject
    public EncryptedSecrets(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    /** The record id the AAD binds to: the item's primary key. */
    public static String recordId(Map<String, AttributeValue> key) {
        AttributeValue pk = key.get("pk");
        AttributeValue sk = key.get("sk");
        if (pk == null || sk == null || pk.s() == null || sk.s() == null) {
            throw new IllegalArgumentException("an encrypted item needs its pk and sk");
        }
        return pk.s() + "|" + sk.s();
    }

    /**
     * Attributes to add to the item with primary key {@code key}; without secrets only the ids (the
     * item stays out of the index).
     */
    public Map<String, AttributeValue> encrypt(Map<String, AttributeValue> key, String appId,
                                               Map<String, String> plaintexts) {
        String recordId = recordId(key);
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(APP_ID, s(appId));
        attributes.put(RECORD_ID, s(recordId));
        if (plaintexts.isEmpty()) {
            return attributes;
        }
        Map<String, AttributeValue> ciphertexts = new HashMap<>();
        String keyId = null;
        for (var entry : plaintexts.entrySet()) {
            String ciphertext = cipher.encrypt(entry.getValue(),
                    new EncryptionContext(appId, recordId, entry.getKey()));
            ciphertexts.put(entry.getKey(), s(ciphertext));
            keyId = CredentialCipher.keyIdOf(ciphertext);
        }
        attributes.put(SECRETS, AttributeValue.fromM(ciphertexts));
        attributes.put(ENC_KEY_SHARD, s(shard(keyId, recordId)));
        return attributes;
    }

    /** The plaintexts of an item written by {@link #encrypt}, bound to the key it was read under; only trusted code calls this. */
    public Map<String, String> decrypt(Map<String, AttributeValue> item) {
        AttributeValue secrets = item.get(SECRETS);
        if (secrets == null || !secrets.hasM()) {
            return Map.of();
        }
        String appId = Attrs.str(item, APP_ID);
        String recordId = recordId(item);
        Map<String, String> plaintexts = new LinkedHashMap<>();
        secrets.m().forEach((type, value) ->
                plaintexts.put(type, cipher.decrypt(value.s(), new EncryptionContext(appId, recordId, type))));
        return plaintexts;
    }

    public static String shard(String keyId, String recordId) {
        int hash = 0;
        for (byte b : recordId.getBytes(StandardCharsets.UTF_8)) {
            hash = 31 * hash + b;
        }
        return String.format("%s#%02d", keyId, Math.floorMod(hash, SHARDS));
    }
}
