package dev.keyway.functions.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The refresh Lambda with the repo's sample schedule event, against real DynamoDB: a run reads
 * only what the due index holds and answers its counts (refresh behaviour itself is tested in
 * shared/linkedaccounts RefreshTest against a rotating authorization server).
 */
@ExtendWith(LocalAwsExtension.class)
class RefreshHandlerTest {
    private static RefreshHandler handler;

    @BeforeAll
    static void setUp(LocalAws aws) {
        handler = new RefreshHandler();
    }

    @ParameterizedTest
    @Event(value = "events/refresh.json", type = Map.class)
    void sampleEvent_runsAndReportsItsCounts(Map<String, Object> event) {
        var run = handler.handleRequest(event, null);

        assertThat(run.itemsRead()).isEqualTo(run.due());
        assertThat(run.refreshed() + run.notNeeded() + run.failed() + run.busy() + run.leftDue()).isEqualTo(run.due());
        assertThat(run.millis()).isLessThan(RefreshHandler.WITHOUT_CONTEXT.toMillis() + 5_000);
    }
}
