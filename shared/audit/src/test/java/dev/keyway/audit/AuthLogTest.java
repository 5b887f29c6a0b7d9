package dev.keyway.audit;

import static dev.keyway.storage.Attrs.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Writing the auth log against the real local DynamoDB: retention per app, sort order. */
@ExtendWith(LocalAwsExtension.class)
class AuthLogTest {
    private KeywayTable table;
    private AuthLog authLog;

    @BeforeEach
    void setUp(LocalAws aws) {
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        authLog = new AuthLog(table, Clock.systemUTC());
    }

    private String newApp() {
        String appId = dev.keyway.core.Ids.newId("app");
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(Map.of(
                "pk", s("APP#" + appId), "sk", s("APP"), "kind", s("app"), "appId", s(appId))).build());
        return appId;
    }

    private Map<String, AttributeValue> stored(AuthEvent event) {
        return table.client().getItem(GetItemRequest.builder().tableName(table.name())
                .key(Attrs.key("LOG#" + event.appId(), AuthLog.sortKey(event.occurredAt(), event.id()))).build()).item();
    }

    private AuthEvent record(AuthLog log, String appId) {
        AuthEvent event = log.event(appId, AuthEventTypes.CONNECTOR_SAVED).connector("crm").actor("test").build();
        Transactions.write(table, List.of(log.entry(event)));
        return event;
    }

    private static long ttlDays(Map<String, AttributeValue> item, AuthEvent event) {
        return Duration.ofSeconds(Attrs.num(item, "ttl") - event.occurredAt().getEpochSecond()).toDays();
    }

    @Test
    void entriesOfAnAppWithoutASetting_areKeptForTheDefault90Days() {
        AuthEvent event = record(authLog, newApp());
        assertThat(ttlDays(stored(event), event)).isEqualTo(90);
    }

    @Test
    void setRetention_appliesToNewEntries_inThisAndOtherContainers_andIsItselfRecorded() {
        String appId = newApp();
        AuthEvent before = record(authLog, appId);
        AuthLog otherContainer = new AuthLog(table, Clock.systemUTC());

        authLog.setRetention(appId, 7, "admin-cli");

        assertThat(ttlDays(stored(record(authLog, appId)), before)).isEqualTo(7);
        assertThat(ttlDays(stored(record(otherContainer, appId)), before))
                .as("a container that never read the app reads the new setting").isEqualTo(7);
        assertThat(ttlDays(stored(before), before)).as("existing entries keep their ttl").isEqualTo(90);
        var change = authLog.recent(appId, 10).stream()
                .filter(e -> e.type().equals(AuthEventTypes.APP_LOG_RETENTION_CHANGED)).findFirst().orElseThrow();
        assertThat(change.details()).containsEntry("logRetentionDays", "7");
        assertThat(change.actor()).isEqualTo("admin-cli");
    }

    @Test
    void aCachedRetention_isReadAgainAfterFiveMinutes() {
        String appId = newApp();
        var clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        AuthLog cached = new AuthLog(table, clock);
        assertThat(cached.retention(appId)).isEqualTo(Duration.ofDays(90));

        authLog.setRetention(appId, 30, "test"); // another container
        assertThat(cached.retention(appId)).as("within the cache period").isEqualTo(Duration.ofDays(90));
        clock.advance(AuthLog.RETENTION_CACHE);
        assertThat(cached.retention(appId)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void anOutOfRangeStoredSetting_fallsBackToTheDefault() {
        String appId = newApp();
        table.client().updateItem(r -> r.tableName(table.name()).key(Attrs.key("APP#" + appId, "APP"))
                .updateExpression("SET logRetentionDays = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromN("0"))));
        assertThat(authLog.retention(appId)).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void setRetention_refusesOutOfRangeDays_andUnknownApps() {
        String appId = newApp();
        assertThatThrownBy(() -> authLog.setRetention(appId, 0, "test"))
                .isInstanceOf(KeywayException.class).hasMessageStartingWith("logRetentionDays:");
        assertThatThrownBy(() -> authLog.setRetention(appId, 3651, "test"))
                .isInstanceOf(KeywayException.class).hasMessageStartingWith("logRetentionDays:");
        assertThatThrownBy(() -> authLog.setRetention("app_missing" + System.nanoTime(), 30, "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void timeKeys_sortAsTimeDoes_evenWhereInstantToStringWouldNot() {
        Instant whole = Instant.parse("2026-11-25T10:39:57Z");
        Instant later = Instant.parse("2026-11-25T10:39:57.100Z");
        Instant evenLater = Instant.parse("2026-11-25T10:39:57.100001Z");
        assertThat(whole.toString().compareTo(later.toString())).as("the bug this avoids").isPositive();
        assertThat(AuthLog.timeKey(whole)).isLessThan(AuthLog.timeKey(later));
        assertThat(AuthLog.timeKey(later)).isLessThan(AuthLog.timeKey(evenLater));
        assertThat(AuthLog.timeKey(whole)).isEqualTo("2026-11-25T10:39:57.000000000Z");
    }

    @Test
    void recent_returnsNewestFirst_acrossAWholeSecond() {
        String appId = newApp();
        Instant whole = Instant.parse("2026-11-25T10:39:57Z");
        var first = new AuthEvent("evt_a" + System.nanoTime(), appId, AuthEventTypes.APP_CREATED, whole,
                null, null, null, null, Map.of());
        var second = new AuthEvent("evt_b" + System.nanoTime(), appId, AuthEventTypes.APP_KEY_CREATED,
                whole.plusMillis(100), null, null, null, null, Map.of());
        Transactions.write(table, List.of(authLog.entry(second, Duration.ofDays(3650)),
                authLog.entry(first, Duration.ofDays(3650))));
        assertThat(authLog.recent(appId, 10)).extracting(AuthEvent::id).containsExactly(second.id(), first.id());
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
