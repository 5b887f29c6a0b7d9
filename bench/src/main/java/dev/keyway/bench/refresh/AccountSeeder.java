package dev.keyway.bench.refresh;

import dev.keyway.core.Ids;
import dev.keyway.linkedaccounts.CredentialImportService;
import dev.keyway.linkedaccounts.DueIndex;
import dev.keyway.storage.EncryptedSecrets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts the bench's linked accounts in the table.
 *
 * <p>The due ones go through {@link CredentialImportService#importBatch} (100 per call), as an app
 * would import them: real ciphertexts, import references, auth-log entries and the due time
 * {@code RefreshSchedule} gives them. Importing them again with the same references updates them
 * in place and makes them due again.
 *
 * <p>The not-due ones are too many to import in a bench's time on moto, so one is imported (the
 * template) and the rest are copies of its item written with {@code BatchWriteItem}: new id, end
 * user, external reference, the keys derived from them ({@code pk}, {@code gsi1sk}, {@code gsi2sk})
 * and a due time later than the bench lasts, with the due index's {@code duePk}/{@code dueSk} for it,
 * and the record id of the encryption context with the {@code encKey} index shard derived from it.
 * The derivations are checked against the template's own item first, so a change in
 * {@code LinkedAccountRepository}'s layout stops the bench instead of seeding the wrong shape. What
 * a copy does not have: its own import reference, and credentials that decrypt (the template's
 * ciphertexts are bound to the template's record id; a copy carries its own). The scheduler never
 * reads either of a not-due account.
 */
final class AccountSeeder {
    static final String CONNECTOR = "bench-oauth";
    static final String AUTH_METHOD = "oauth";
    /** The due accounts' tokens: due half their lifetime after import (the 5-minute minimum margin exceeds it). */
    static final int DUE_EXPIRES_IN_SECONDS = 2;
    static final Duration DUE_AFTER_IMPORT = Duration.ofSeconds(DUE_EXPIRES_IN_SECONDS).dividedBy(2);
    /** The template's token: valid for 2 days, so it is not due either (and its due day is among the copies'). */
    static final long TEMPLATE_EXPIRES_IN_SECONDS = Duration.ofDays(2).toSeconds();
    private static final String ACTOR = "bench";
    private static final int BATCH_WRITE = 25;
    private static final int WRITERS = 4;
    /** The due index's sort-key time (package-private in DueIndex); checked against the template item. */
    private static final DateTimeFormatter DUE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Attributes whose values are derived from the id, end user or due time: rewritten in every copy. */
    private static final Set<String> PER_ACCOUNT = Set.of("pk", "linkedAccountId", "endUserId", "externalRef",
            "gsi1sk", "gsi2sk", "nextDueAt", "duePk", "dueSk", EncryptedSecrets.RECORD_ID, EncryptedSecrets.ENC_KEY_SHARD);

    private final RefreshServices services;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String appId;

    AccountSeeder(RefreshServices services, String appId) {
        this.services = services;
        this.dynamoDb = services.dynamoDb();
        this.table = services.config().tableName();
        this.appId = appId;
    }

    /**
     * Imports {@code count} OAuth2 accounts with a refresh token and a token that expires
     * {@link #DUE_EXPIRES_IN_SECONDS} s later, so each is due {@link #DUE_AFTER_IMPORT} after its
     * import. The first call creates them; a later one, same references, updates them (due again).
     */
    List<String> importDue(int count, CredentialImportService.Outcome expected) {
        List<String> ids = new ArrayList<>(count);
        for (int from = 0; from < count; from += CredentialImportService.MAX_BATCH) {
            int to = Math.min(count, from + CredentialImportService.MAX_BATCH);
            StringBuilder body = new StringBuilder("{\"items\": [");
            for (int i = from; i < to; i++) {
                body.append(i == from ? "" : ",").append("""
                        {"connector": "%s", "authMethod": "%s", "endUserId": "due-user-%d", "externalRef": "bench-due-%d",
                         "credentials": {"accessToken": "at-bench-%d", "refreshToken": "rt-bench-%d",
                                         "expiresIn": %d, "scopes": ["read"]}}""".formatted(CONNECTOR, AUTH_METHOD,
                        i, i, i, i, DUE_EXPIRES_IN_SECONDS));
            }
            var result = services.imports().importBatch(appId, body.append("]}").toString(), ACTOR);
            for (var item : result.results()) {
                if (item.result() != expected) {
                    throw new BenchFailed("import of due account " + (from + item.index()) + " answered " + item.result()
                            + (item.error() == null ? "" : " (" + item.error().code() + ": " + item.error().message() + ")")
                            + ", expected " + expected);
                }
                ids.add(item.linkedAccount().id());
            }
        }
        return ids;
    }

    /** The not-due account the copies are made from, imported like the due ones but with a 2-day token. */
    Map<String, AttributeValue> importTemplate() {
        var imported = services.imports().importOne(appId, """
                {"connector": "%s", "authMethod": "%s", "endUserId": "idle-user-template", "externalRef": "bench-idle-template",
                 "credentials": {"accessToken": "at-bench-template", "refreshToken": "rt-bench-template",
                                 "expiresIn": %d, "scopes": ["read"]}}
                """.formatted(CONNECTOR, AUTH_METHOD, TEMPLATE_EXPIRES_IN_SECONDS), ACTOR);
        if (imported.result() != CredentialImportService.Outcome.created || imported.linkedAccount() == null) {
            throw new BenchFailed("the template import answered " + imported.result());
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("LA#" + imported.linkedAccount().id()), "sk", AttributeValue.fromS("LA")))
                .consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            throw new BenchFailed("the template account's item is not in the table");
        }
        checkLayout(item);
        return Map.copyOf(item);
    }

    /**
     * Writes {@code count} copies of {@code template}, due from {@code firstDue} on, spread evenly over
     * {@code spread} (so over several UTC days, the due index's day buckets), {@link #WRITERS} batches at a time.
     * Answers how many copies each due-index partition got.
     */
    Map<String, Integer> writeCopies(Map<String, AttributeValue> template, int count, Instant firstDue,
                                     Duration spread) {
        Map<String, Integer> partitions = new ConcurrentHashMap<>();
        List<Future<?>> writes = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int from = 0; from < count; from += BATCH_WRITE) {
                int start = from;
                int end = Math.min(count, from + BATCH_WRITE);
                writes.add(executor.submit(() -> {
                    List<WriteRequest> puts = new ArrayList<>(end - start);
                    for (int n = start; n < end; n++) {
                        Instant due = firstDue.plus(spread.multipliedBy(n).dividedBy(count));
                        Map<String, AttributeValue> item = copy(template, Ids.newId("la"), n, due);
                        partitions.merge(item.get("duePk").s(), 1, Integer::sum);
                        puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                    }
                    batchWrite(puts);
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailed("interrupted while writing the not-due accounts");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    private void batchWrite(List<WriteRequest> puts) {
        Map<String, List<WriteRequest>> pending = Map.of(table, puts);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new BenchFailed("BatchWriteItem left items unprocessed 10 times in a row");
            }
            var response = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build());
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** Copy {@code n} of the template: its own id, end user, reference and due time, and the keys derived from them. */
    static Map<String, AttributeValue> copy(Map<String, AttributeValue> template, String id, int n, Instant due) {
        String connector = template.get("connector").s();
        String endUserId = "idle-user-" + n;
        Map<String, AttributeValue> item = new HashMap<>(template);
        item.put("pk", AttributeValue.fromS("LA#" + id));
        item.put("linkedAccountId", AttributeValue.fromS(id));
        item.put("endUserId", AttributeValue.fromS(endUserId));
        item.put("externalRef", AttributeValue.fromS("bench-idle-" + n));
        item.put("gsi1sk", AttributeValue.fromS(gsi1sk(endUserId, connector, id)));
        item.put("gsi2sk", AttributeValue.fromS(template.get("createdAt").s() + "#" + id));
        item.put("nextDueAt", AttributeValue.fromS(due.toString()));
        item.put("duePk", AttributeValue.fromS(duePartition(LocalDate.ofInstant(due, ZoneOffset.UTC), shard(id))));
        item.put("dueSk", AttributeValue.fromS(DUE_TIME.format(due) + "#" + id));
        // The ciphertexts' AAD names the template's record, so they do not decrypt here; the scheduler never reads them.
        String recordId = EncryptedSecrets.recordId(item);
        String keyId = template.get(EncryptedSecrets.ENC_KEY_SHARD).s();
        item.put(EncryptedSecrets.RECORD_ID, AttributeValue.fromS(recordId));
        item.put(EncryptedSecrets.ENC_KEY_SHARD, AttributeValue.fromS(
                EncryptedSecrets.shard(keyId.substring(0, keyId.lastIndexOf('#')), recordId)));
        return item;
    }

    /**
     * The bench's derivations must give the repository's values for the template itself, and no other
     * attribute may carry the id, the end user or the reference: otherwise the copies would not have
     * the shape the repository writes.
     */
    static void checkLayout(Map<String, AttributeValue> template) {
        String id = template.get("linkedAccountId").s();
        String endUserId = template.get("endUserId").s();
        String externalRef = template.get("externalRef").s();
        if (!template.containsKey("nextDueAt") || !template.containsKey("duePk") || !template.containsKey("dueSk")) {
            throw new BenchFailed("the imported OAuth2 account has no due time: it is not in the due index; keys: "
                    + new TreeMap<>(template).keySet());
        }
        Instant due = Instant.parse(template.get("nextDueAt").s());
        Map<String, AttributeValue> again = copy(template, id, 0, due);
        again.put("endUserId", template.get("endUserId"));
        again.put("externalRef", template.get("externalRef"));
        again.put("gsi1sk", AttributeValue.fromS(gsi1sk(endUserId, template.get("connector").s(), id)));
        for (String name : PER_ACCOUNT) {
            if (!again.get(name).equals(template.get(name))) {
                throw new BenchFailed("LinkedAccountRepository's item layout changed: the bench derives " + name
                        + " differently; update AccountSeeder.copy");
            }
        }
        template.forEach((name, value) -> {
            if (!PER_ACCOUNT.contains(name) && value.s() != null
                    && (value.s().contains(id) || value.s().contains(endUserId) || value.s().contains(externalRef))) {
                throw new BenchFailed("the linked-account item's attribute " + name
                        + " holds the id, end user or reference, which the bench's copies do not rewrite");
            }
        });
    }

    /** How many accounts one due-index partition holds (one Query; moto reads the whole table for it). */
    long countPartition(String partition) {
        long n = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(QueryRequest.builder().tableName(table).indexName("due")
                    .keyConditionExpression("duePk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                    .select(Select.COUNT).exclusiveStartKey(start).build());
            n += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return n;
    }

    static String gsi1sk(String endUserId, String connector, String id) {
        return "EU#" + endUserId.length() + ":" + endUserId + "#CONN#" + connector + "#" + id;
    }

    static String duePartition(LocalDate day, int shard) {
        return "DUE#" + day + "#" + shard;
    }

    static int shard(String id) {
        return Math.floorMod(id.hashCode(), DueIndex.SHARDS);
    }
}
