package dev.keyway.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.keyway.provisioning.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs template.yaml's {@code rate(...)} schedules on timers, as EventBridge Scheduler would. */
final class ScheduleRunner implements AutoCloseable {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private final ScheduledExecutorService timer;

    private ScheduleRunner(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ScheduleRunner start(List<Schedule> schedules, Map<String, FunctionHost> hosts) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        for (Schedule schedule : schedules) {
            if (!schedule.enabled()) {
                continue;
            }
            Duration every = rate(schedule.expression());
            FunctionHost host = hosts.get(schedule.functionLogicalId());
            timer.scheduleAtFixedRate(() -> fire(host, schedule), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new ScheduleRunner(timer);
    }

    /** {@code rate(1 minute)} and friends; cron expressions have no local equivalent and are refused. */
    static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("the local runner runs rate(...) schedules only, not " + expression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static void fire(FunctionHost host, Schedule schedule) {
        try {
            ScheduledEvent event = new ScheduledEvent();
            event.setSource("aws.events");
            event.setDetailType("Scheduled Event");
            event.setDetail(Map.of());
            host.invoke(event);
        } catch (RuntimeException e) {
            // A failed run must not cancel the timer; EventBridge would simply fire again.
            System.err.println("schedule " + schedule.eventName() + " of " + schedule.functionLogicalId()
                    + " failed: " + e.getClass().getName());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
