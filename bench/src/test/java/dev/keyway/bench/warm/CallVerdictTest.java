package dev.keyway.bench.warm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallVerdictTest {

    @Test
    void oneAccountReadPerCall_andNothingElse_isMet() {
        assertThat(CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L), 2000)).isEqualTo(new CallVerdict(true, "met"));
    }

    @Test
    void aConnectorCacheRefresh_orALastUsedWrite_isNamed_andStillMet() {
        var verdict = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L, "DynamoDb GetItem APP#/CONNECTOR#", 1L,
                "DynamoDb UpdateItem LA#/LA", 1L), 2000);
        assertThat(verdict.met()).isTrue();
        assertThat(verdict.text()).contains("1 connector re-read", "30 s", "1 lastUsedAt write", "5 min");
    }

    @Test
    void aSecretsManagerCall_orMissingReads_isNotMet() {
        var secrets = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 2000L, "SecretsManager GetSecretValue", 1L), 2000);
        assertThat(secrets.met()).isFalse();
        assertThat(secrets.text()).contains("SecretsManager GetSecretValue=1");

        var twoReads = CallVerdict.of(Map.of("DynamoDb GetItem LA#/LA", 4000L), 2000);
        assertThat(twoReads.met()).isFalse();
        assertThat(twoReads.text()).contains("4000 account reads for 2000 calls");
    }
}
