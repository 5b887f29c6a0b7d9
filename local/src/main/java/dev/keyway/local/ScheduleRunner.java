package dev.keyway.local;

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
            host.invoke(event());
        } catch (RuntimeException e) {
            // A failed run must not cancel the timer; EventBridge would simply fire again.
            System.err.println("schedule " + schedule.eventName() + " of " + schedule.functionLogicalId()
                    + " failed: " + e.getClass().getName());
        }
    }

    /**
     * What EventBridge delivers for a schedule, as the JSON object Lambda hands a handler whose
     * input is {@code Map<String, Object>} (the scheduled handlers' type). A {@code ScheduledEvent}
     * here failed every run with a ClassCastException, so the local runner never refreshed.
     */
    static Map<String, Object> event() {
        return Map.of("version", "0", "id", java.util.UUID.randomUUID().toString(), "detail-type", "Scheduled Event",
                "source", "aws.events", "time", java.time.Instant.now().toString(), "region", "us-east-1",
                "resources", java.util.List.of(), "detail", Map.of());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
