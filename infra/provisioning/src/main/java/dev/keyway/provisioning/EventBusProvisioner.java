package dev.keyway.provisioning;

import static dev.keyway.provisioning.Values.list;
import static dev.keyway.provisioning.Values.map;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.CreateEventBusRequest;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Tag;

/** Creates an AWS::Events::EventBus under its template Name; an existing bus is left alone. */
final class EventBusProvisioner {

    static final Set<String> SUPPORTED = Set.of("Name", "Description", "Tags");

    private final EventBridgeClient eventBridge;
    private final Resolver resolver;

    EventBusProvisioner(EventBridgeClient eventBridge, Resolver resolver) {
        this.eventBridge = eventBridge;
        this.resolver = resolver;
    }

    /** Returns the bus ARN. */
    String provision(Resource bus, String name) {
        bus.requireOnly(SUPPORTED, "event bus");
        try {
            return eventBridge.describeEventBus(r -> r.name(name)).arn();
        } catch (ResourceNotFoundException absent) {
            try {
                return eventBridge.createEventBus(createRequest(name, bus.properties())).eventBusArn();
            } catch (ResourceAlreadyExistsException createdMeanwhile) {
                return eventBridge.describeEventBus(r -> r.name(name)).arn();
            }
        }
    }

    private CreateEventBusRequest createRequest(String name, Map<String, Object> p) {
        CreateEventBusRequest.Builder request = CreateEventBusRequest.builder().name(name);
        if (p.containsKey("Description")) {
            request.description(resolver.resolve(p.get("Description")));
        }
        if (p.containsKey("Tags")) {
            request.tags(list(p.get("Tags")).stream()
                    .map(t -> Tag.builder()
                            .key(resolver.resolve(map(t).get("Key")))
                            .value(resolver.resolve(map(t).get("Value")))
                            .build())
                    .toList());
        }
        return request.build();
    }
}
