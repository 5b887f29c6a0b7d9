package dev.keyway.provisioning;

/**
 * A Schedule or ScheduleV2 event of a function. {@code input} is the event's constant Input
 * JSON (what the function receives instead of the scheduled event), or null.
 */
public record Schedule(String functionLogicalId, String eventName, String expression, boolean enabled, String input) {}
