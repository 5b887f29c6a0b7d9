package dev.keyway.functions.auditpublisher;

import dagger.Component;
import dev.keyway.storage.AwsClientsModule;
import javax.inject.Singleton;

/** The audit publisher's object graph, built once per container: an EventBridge client, no DynamoDB. */
@Singleton
@Component(modules = {AwsClientsModule.class, EventBridgeModule.class})
interface AuditPublisherComponent {
    AuditEventPublisher publisher();
}
