package dev.keyway.provisioning;

import java.util.List;
import java.util.Map;

/**
 * What {@link Provisioner} made of template.yaml on one endpoint.
 *
 * @param refs              logical id -> what {@code !Ref} gives: table name, secret ARN, bus name
 * @param attributes        "LogicalId.Attribute" -> what {@code !GetAtt} gives (Arn, StreamArn, Name)
 * @param globalEnvironment Globals.Function.Environment.Variables, resolved: what every function gets
 */
public record ProvisionedStack(
        String stackName,
        String region,
        Map<String, String> refs,
        Map<String, String> attributes,
        Map<String, String> globalEnvironment,
        List<ProvisionedFunction> functions) {

    public String ref(String logicalId) {
        return require(refs, logicalId);
    }

    public String attribute(String logicalId, String attribute) {
        return require(attributes, logicalId + "." + attribute);
    }

    public ProvisionedFunction function(String logicalId) {
        return functions.stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in " + stackName));
    }

    public List<HttpRoute> routes() {
        return functions.stream().flatMap(f -> f.routes().stream()).toList();
    }

    public List<Schedule> schedules() {
        return functions.stream().flatMap(f -> f.schedules().stream()).toList();
    }

    public List<StreamTrigger> streamTriggers() {
        return functions.stream().flatMap(f -> f.streamTriggers().stream()).toList();
    }

    private String require(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("stack " + stackName + " has no provisioned " + key);
        }
        return value;
    }
}
