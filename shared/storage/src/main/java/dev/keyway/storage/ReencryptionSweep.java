package dev.keyway.storage;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.crypto.CredentialCipher;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Re-encrypts every record still under an old master key with the current primary key,
 * found through the sparse {@code encKey} index (no Scan). Each record is rewritten with a
 * conditional update on its {@code version}, so a concurrent writer is never overwritten: on
 * a lost race the record is re-read and, if still under the old key, tried again. Readers
 * keep working throughout because old key ids stay readable until {@link #remaining} is 0.
 */
@Singleton
public final class ReencryptionSweep {
    private static final int MAX_ATTEMPTS = 5;

    private final KeywayTable table;
    private final EncryptedSecrets secrets;
    private final CredentialCipher cipher;

    @Inject
    public ReencryptionSweep(KeywayTable table, EncryptedSecrets secrets, CredentialCipher cipher) {
        this.table = table;
        this.secrets = secrets;
        this.cipher = cipher;
    }

    /** Moves every record under {@code oldKeyId} to the primary key; returns how many it rewrote. */
    public int sweep(String oldKeyId, Consumer<String> progress) {
        if (oldKeyId.equals(cipher.primaryKeyId())) {
            throw new IllegalArgumentException(oldKeyId + " is the primary key; rotate first");
        }
        int rewritten = 0;
        for (int shard = 0; shard < EncryptedSecrets.SHARDS; shard++) {
            for (var key : keysUnder(oldKeyId, shard)) {
                if (reencrypt(key, oldKeyId)) {
                    rewritten++;
                }
            }
            progress.accept("shard " + shard + "/" + EncryptedSecrets.SHARDS + " done, " + rewritten + " rewritten");
        }
        return rewritten;
    }

    /** Records the index still lists under {@code keyId}; 0 means the key can be retired. */
    public int remaining(String keyId) {
        int count = 0;
        for (int shard = 0; shard < EncryptedSecrets.SHARDS; shard++) {
            count += keysUnder(keyId, shard).size();
        }
        return count;
    }

    private java.util.List<Map<String, AttributeValue>> keysUnder(String keyId, int shard) {
        return table.client().queryPaginator(QueryRequest.builder()
                        .tableName(table.name()).indexName("encKey")
                        .keyConditionExpression("encKeyShard = :shard")
                        .expressionAttributeValues(Map.of(":shard", s(String.format("%s#%02d", keyId, shard))))
                        .build())
                .items().stream()
                .map(item -> Attrs.key(Attrs.str(item, "pk"), Attrs.str(item, "sk")))
                .toList();
    }

    private boolean reencrypt(Map<String, AttributeValue> key, String oldKeyId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var item = table.client().getItem(GetItemRequest.builder()
                    .tableName(table.name()).key(key).consistentRead(true).build()).item();
            // The index is eventually consistent: the record may be gone or already moved.
            if (item == null || item.isEmpty()
                    || !Attrs.optStr(item, EncryptedSecrets.ENC_KEY_SHARD).orElse("").startsWith(oldKeyId + "#")) {
                return false;
            }
            try {
                rewrite(key, item);
                return true;
            } catch (ConditionalCheckFailedException e) {
                // A writer got there first; read again and decide again.
            }
        }
        throw new IllegalStateException("record kept changing during re-encryption; run the sweep again");
    }

    private void rewrite(Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        Map<String, String> plaintexts = secrets.decrypt(item);
        var fresh = secrets.encrypt(key, Attrs.str(item, EncryptedSecrets.APP_ID), plaintexts);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":secrets", fresh.get(EncryptedSecrets.SECRETS));
        values.put(":shard", fresh.get(EncryptedSecrets.ENC_KEY_SHARD));
        values.put(":expected", item.get("version"));
        values.put(":one", Attrs.n(1));
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name()).key(key)
                .updateExpression("SET secrets = :secrets, encKeyShard = :shard, #v = #v + :one")
                .conditionExpression("#v = :expected")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(values)
                .build());
    }
}
