package dev.keyway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.core.Ids;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The read budget of filtered log queries, against the real local DynamoDB. */
@ExtendWith(LocalAwsExtension.class)
class AuthLogQueryTest {

    @Test
    void aRareType_isFoundByFollowingCursors_whileEachPageReadsAtMostTheBudget(LocalAws aws) {
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var authLog = new AuthLog(table, Clock.systemUTC(), Duration.ofDays(90));
        var query = new AuthLogQuery(table, Clock.systemUTC());
        String appId = Ids.newId("app");
        Instant base = Instant.now().minusSeconds(3600);

        List<WriteRequest> writes = new ArrayList<>();
        var rare = new AuthEvent(Ids.newId("evt"), appId, AuthEventTypes.APP_KEY_REVOKED, base, null, null, null, "t", Map.of());
        writes.add(write(authLog, rare));
        for (int i = 1; i <= AuthLogQuery.MAX_EVALUATED + 1; i++) {
            writes.add(write(authLog, new AuthEvent(Ids.newId("evt"), appId, AuthEventTypes.CONNECTOR_SAVED,
                    base.plusMillis(i), null, null, "crm", "t", Map.of())));
        }
        for (int from = 0; from < writes.size(); from += 25) {
            table.client().batchWriteItem(BatchWriteItemRequest.builder().requestItems(
                    Map.of(table.name(), writes.subList(from, Math.min(writes.size(), from + 25)))).build());
        }

        var first = query.list(appId, new LogQuery(Optional.empty(), Optional.empty(),
                Optional.of(AuthEventTypes.APP_KEY_REVOKED), Optional.empty(), Optional.empty(), 10));
        assertThat(first.data()).as("the budget ran out before the oldest entry").isEmpty();
        assertThat(first.nextCursor()).isNotNull();

        var second = query.list(appId, new LogQuery(Optional.empty(), Optional.empty(),
                Optional.of(AuthEventTypes.APP_KEY_REVOKED), Optional.empty(), Optional.of(first.nextCursor()), 10));
        assertThat(second.data()).extracting(LogEntry::id).containsExactly(rare.id());
        assertThat(second.nextCursor()).isNull();

        var unfiltered = query.list(appId, new LogQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 100));
        assertThat(unfiltered.data()).hasSize(100);
        assertThat(unfiltered.nextCursor()).isNotNull();
    }

    private static WriteRequest write(AuthLog authLog, AuthEvent event) {
        return WriteRequest.builder().putRequest(PutRequest.builder()
                .item(authLog.entry(event, Duration.ofDays(90)).put().item()).build()).build();
    }
}
