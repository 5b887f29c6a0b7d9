package dev.keyway.linkedaccounts;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * When a connector starts asking for more scopes, its linked accounts that were not granted them
 * need the end user again: NEEDS_REAUTH with reason {@code scopes_changed}, found through the
 * app + connector index ({@code gsi2}), never a scan. Accounts granted the new scopes stay as they are.
 */
@Singleton
public class ScopeChanges {
    public static final String REASON = "scopes_changed";

    private final KeywayTable table;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public ScopeChanges(KeywayTable table, AuthLog authLog, Clock clock) {
        this.table = table;
        this.authLog = authLog;
        this.clock = clock;
    }

    /** @param addedScopes per auth method id, the scopes the connector newly asks for; answers how many accounts were marked */
    public int apply(String appId, String connector, Map<String, List<String>> addedScopes, String actor) {
        if (addedScopes.isEmpty()) {
            return 0;
        }
        int marked = 0;
        Map<String, AttributeValue> start = null;
        do {
            var page = table.client().query(QueryRequest.builder().tableName(table.name()).indexName("gsi2")
                    .keyConditionExpression("gsi2pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("APP#" + appId + "#CONN#" + connector)))
                    .exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                LinkedAccount account = LinkedAccountRepository.toAccount(item);
                List<String> needed = addedScopes.get(account.authMethod());
                if (needed != null && account.status() != LinkedAccountStatus.NEEDS_REAUTH
                        && !account.scopes().containsAll(needed) && mark(account, needed, actor)) {
                    marked++;
                }
            }
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return marked;
    }

    private boolean mark(LinkedAccount account, List<String> needed, String actor) {
        Instant now = clock.instant();
        var event = authLog.event(account.appId(), AuthEventTypes.LINKED_ACCOUNT_NEEDS_REAUTH)
                .linkedAccount(account.id(), account.endUserId()).connector(account.connector()).actor(actor)
                .detail("reason", REASON).detail("missingScopes", String.join(" ", needed)).build();
        TransactWriteItem update = TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(LinkedAccountRepository.key(account.id()))
                .updateExpression("SET #status = :status, statusReason = :reason, updatedAt = :now, #v = #v + :one"
                        + " REMOVE duePk, dueSk, nextDueAt")
                .conditionExpression("#v = :version")
                .expressionAttributeNames(Map.of("#status", "status", "#v", "version"))
                .expressionAttributeValues(Map.of(":status", s(LinkedAccountStatus.NEEDS_REAUTH.name()),
                        ":reason", s(REASON), ":now", Attrs.time(now), ":one", Attrs.n(1),
                        ":version", Attrs.n(account.version())))
                .build()).build();
        try {
            Transactions.write(table, List.of(update, authLog.entry(event)));
            return true;
        } catch (Transactions.ConditionFailed changedMeanwhile) {
            // refreshed or reconnected at this moment: the next scope check (or the refresh) sees it
            return false;
        }
    }
}
