package dev.keyway.storage;

import dev.keyway.core.KeywayException;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes a state change and its auth-log entry atomically. A failed condition comes back as
 * {@link ConditionFailed} naming which items' conditions failed, so services can say why.
 */
public final class Transactions {
    private Transactions() {
    }

    public static void write(KeywayTable table, List<TransactWriteItem> items) {
        try {
            table.client().transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons != null && reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw new ConditionFailed(reasons.stream()
                        .map(r -> "ConditionalCheckFailed".equals(r.code())).toList());
            }
            if (reasons != null && reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                // Another transaction held one of the items: nothing was written; the caller may retry.
                throw new KeywayException(409, "conflict",
                        "the record was being changed by another request at the same time; retry");
            }
            throw e;
        }
    }

    /** A condition of one or more items in the transaction did not hold; nothing was written. */
    public static final class ConditionFailed extends RuntimeException {
        private final List<Boolean> failedByIndex;

        ConditionFailed(List<Boolean> failedByIndex) {
            super("transaction condition failed at " + failedByIndex);
            this.failedByIndex = failedByIndex;
        }

        public boolean failedAt(int index) {
            return index < failedByIndex.size() && failedByIndex.get(index);
        }
    }
}
