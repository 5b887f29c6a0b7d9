package dev.keyway.provisioning;

import java.util.List;
import java.util.Map;

/**
 * A function of a provisioned stack: its handler and the environment it would get in AWS,
 * with {@code !Ref KeywayTable} and friends replaced by the physical names just created.
 */
public record ProvisionedFunction(
        String logicalId,
        String handler,
        Map<String, String> environment,
        List<HttpRoute> routes,
        List<Schedule> schedules,
        List<StreamTrigger> streamTriggers) {}
