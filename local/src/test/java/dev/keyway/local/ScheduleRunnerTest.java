package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every scheduled function of template.yaml accepts the event the local runner's schedules send. */
@ExtendWith(LocalAwsExtension.class)
class ScheduleRunnerTest {

    @Test
    void everyScheduledFunction_runsOnTheScheduleEvent(LocalAws aws) {
        var scheduled = aws.stack().functions().stream().filter(f -> !f.schedules().isEmpty()).toList();
        assertThat(scheduled).isNotEmpty();
        for (var function : scheduled) {
            var host = FunctionHost.load(function.logicalId(), function.handler(), 60);

            assertThat(host.invoke(ScheduleRunner.event())).as(function.logicalId()).isNotNull();
        }
    }
}
