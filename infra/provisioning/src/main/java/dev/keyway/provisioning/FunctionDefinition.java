package dev.keyway.provisioning;

import java.util.List;
import java.util.Map;

/**
 * An AWS::Serverless::Function as the template declares it. {@code environment} is
 * Globals.Function.Environment.Variables merged with the function's own (the function wins),
 * values still unresolved: {@link ProvisionedStack} carries them resolved.
 */
public record FunctionDefinition(
        String logicalId,
        String handler,
        Map<String, Object> environment,
        List<HttpRoute> routes,
        List<Schedule> schedules,
        List<StreamTrigger> streamTriggers) {}
