package dev.keyway.provisioning;

/**
 * A DynamoDB stream event of a function: the table is named by logical id, and
 * {@link ProvisionedStack#attribute(String, String)} gives its StreamArn once provisioned.
 */
public record StreamTrigger(
        String functionLogicalId, String eventName, String tableLogicalId, String startingPosition, int batchSize) {}
