package dev.keyway.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.keyway.core.Ids;

/**
 * One function of template.yaml, hosted in this JVM: its handler class instantiated once (as
 * a Lambda container would) and invoked with the same event objects Lambda passes.
 */
final class FunctionHost {
    private final String logicalId;
    private final RequestHandler<Object, Object> handler;
    private final int timeoutSeconds;

    private FunctionHost(String logicalId, RequestHandler<Object, Object> handler, int timeoutSeconds) {
        this.logicalId = logicalId;
        this.handler = handler;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** {@code handler} as template.yaml writes it: {@code com.example.Handler::handleRequest}. */
    @SuppressWarnings("unchecked")
    static FunctionHost load(String logicalId, String handler, int timeoutSeconds) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            return new FunctionHost(logicalId, (RequestHandler<Object, Object>) instance, timeoutSeconds);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start " + logicalId + " (" + className + ")", e);
        }
    }

    Object handler() {
        return handler;
    }

    String logicalId() {
        return logicalId;
    }

    Object invoke(Object event) {
        return handler.handleRequest(event, LambdaContext.of(logicalId, Ids.newId("req"), timeoutSeconds));
    }
}
