package dev.keyway.bench.runner;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** The {@code I} and {@code O} of a handler's {@code RequestHandler<I, O>}, found the way the runtime finds them. */
public final class HandlerTypes {
    static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";

    private HandlerTypes() {
    }

    /**
     * Walks the class and its superclasses for a parameterised {@code RequestHandler}; a handler
     * such as {@code ConnectorsHandler extends ApiHandler implements RequestHandler<…>} finds it
     * on the superclass.
     *
     * @throws IllegalArgumentException when there is none, or it is declared with type variables
     */
    public static Type[] requestHandlerTypes(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType p && p.getRawType().getTypeName().equals(REQUEST_HANDLER)) {
                    Type[] types = p.getActualTypeArguments();
                    if (!isConcrete(types[0])) {
                        throw new IllegalArgumentException(handler.getName() + " implements " + p
                                + " through a type variable; the runner only supports concrete input types");
                    }
                    return types;
                }
            }
        }
        throw new IllegalArgumentException(handler.getName() + " does not implement RequestHandler<I, O>");
    }

    private static boolean isConcrete(Type type) {
        return type instanceof Class<?> || type instanceof ParameterizedType;
    }
}
