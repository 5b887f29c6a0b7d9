package dev.keyway.provisioning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The one provisioning routine: creates the template's DynamoDB tables, Secrets Manager
 * secrets and EventBridge buses on an endpoint (moto, LocalStack or an account) and resolves
 * every function's environment against them. Running it again is harmless: what exists is
 * kept, so data in a local stack survives restarts of the local runner.
 *
 * <p>Physical names are deterministic, unlike CloudFormation's: {@code {stackName}-{LogicalId}}
 * for tables and secrets unless the template names them, the template's Name for buses.
 */
public final class Provisioner {

    private final Template template;
    private final String stackName;
    private final AwsEndpoint endpoint;
    private final Resolver resolver;
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Provisioner(Template template, String stackName, AwsEndpoint endpoint) {
        this.template = template;
        this.stackName = stackName;
        this.endpoint = endpoint;
        this.resolver = new Resolver(stackName, endpoint.region(), template.parameterDefaults());
    }

    public static ProvisionedStack provision(Template template, String stackName, AwsEndpoint endpoint) {
        return new Provisioner(template, stackName, endpoint).run();
    }

    private ProvisionedStack run() {
        try (DynamoDbClient dynamoDb = endpoint.dynamoDb();
                SecretsManagerClient secretsManager = endpoint.secretsManager();
                EventBridgeClient eventBridge = endpoint.eventBridge()) {
            TableProvisioner tables = new TableProvisioner(dynamoDb, resolver);
            for (Resource table : template.resources(Template.TABLE)) {
                String name = physicalName(table, "TableName");
                TableDescription created = tables.provision(table, name);
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("Arn", created.tableArn());
                if (created.latestStreamArn() != null) {
                    attrs.put("StreamArn", created.latestStreamArn());
                }
                record(table.logicalId(), name, attrs);
            }
            SecretProvisioner secrets = new SecretProvisioner(secretsManager, resolver);
            for (Resource secret : template.resources(Template.SECRET)) {
                String arn = secrets.provision(secret, physicalName(secret, "Name"));
                record(secret.logicalId(), arn, Map.of("Id", arn));
            }
            EventBusProvisioner buses = new EventBusProvisioner(eventBridge, resolver);
            for (Resource bus : template.resources(Template.EVENT_BUS)) {
                // CloudFormation requires Name on a bus, so there is no generated name to mimic.
                String name = resolver.resolve(bus.properties().get("Name"));
                record(bus.logicalId(), name, Map.of("Arn", buses.provision(bus, name), "Name", name));
            }
        }
        List<ProvisionedFunction> functions = template.functions().stream()
                .map(f -> new ProvisionedFunction(f.logicalId(), f.handler(), resolve(f.environment()),
                        f.routes(), f.schedules(), f.streamTriggers()))
                .toList();
        return new ProvisionedStack(stackName, endpoint.region(), Map.copyOf(refs), Map.copyOf(attributes),
                resolve(template.globalEnvironment()), functions);
    }

    private String physicalName(Resource resource, String nameProperty) {
        Object declared = resource.properties().get(nameProperty);
        return declared != null ? resolver.resolve(declared) : stackName + "-" + resource.logicalId();
    }

    /** Makes a provisioned resource visible to !Ref / !GetAtt / !Sub in what comes after it. */
    private void record(String logicalId, String ref, Map<String, String> attrs) {
        resolver.ref(logicalId, ref);
        refs.put(logicalId, ref);
        attrs.forEach((attribute, value) -> {
            resolver.attribute(logicalId, attribute, value);
            attributes.put(logicalId + "." + attribute, value);
        });
    }

    private Map<String, String> resolve(Map<String, Object> environment) {
        Map<String, String> resolved = new LinkedHashMap<>();
        environment.forEach((name, value) -> resolved.put(name, resolver.resolve(value)));
        return Collections.unmodifiableMap(resolved);
    }
}
