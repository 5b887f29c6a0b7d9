package dev.keyway.bench.warm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallVerdictTest {
    private static final Duration HALF_A_MINUTE = Duration.ofSeconds(25);

    @Test
    void oneAccountReadPerCall_andNothingElse_isMet() {
        assertThat(CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L), 2000, HALF_A_MINUTE))
                .isEqualTo(new CallVerdict(true, "met"));
    }

    @Test
    void cacheRefreshes_thatTimeAllows_areNamed_andStillMet() {
        var verdict = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L, "DynamoDb GetItem APP#/CONNECTOR#", 2L,
                "DynamoDb UpdateItem LA#/LA", 1L, "SecretsManager GetSecretValue", 1L), 2000, Duration.ofMinutes(16));
        assertThat(verdict.met()).isTrue();
        assertThat(verdict.text()).contains("2 x connector re-read", "30 s", "1 x lastUsedAt write", "5 min",
                "1 x key-set refresh", "15 min");
    }

    @Test
    void moreRefreshesThanTimeAllows_areNotMet() {
        var connector = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L, "DynamoDb GetItem APP#/CONNECTOR#", 1L),
                2000, HALF_A_MINUTE);
        assertThat(connector.met()).isFalse();
        assertThat(connector.text()).contains("APP#/CONNECTOR#=1", "0 possible in 25 s");

        var secrets = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L, "SecretsManager GetSecretValue", 1L),
                2000, HALF_A_MINUTE);
        assertThat(secrets.met()).isFalse();
        assertThat(secrets.text()).contains("SecretsManager GetSecretValue=1");
    }

    @Test
    void anythingElse_orMissingReads_isNotMet() {
        var query = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L, "DynamoDb Query gsi1", 3L), 2000,
                Duration.ofHours(1));
        assertThat(query.met()).isFalse();
        assertThat(query.text()).contains("DynamoDb Query gsi1=3");

        var twoReads = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 4000L), 2000, HALF_A_MINUTE);
        assertThat(twoReads.met()).isFalse();
        assertThat(twoReads.text()).contains("4000 account reads for 2000 calls");
    }
}
