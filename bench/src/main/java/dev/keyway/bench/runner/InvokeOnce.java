package dev.keyway.bench.runner;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of one cold-start run, in a fresh JVM whose classpath is a function's jar (or
 * the bare handler's), this runner and the Lambda runtime's serialisation library. It does what
 * the Lambda Java runtime does for a new container, and nothing more: load the handler class by
 * name and call its no-arg constructor (init), then turn one event into the handler's input type,
 * call {@code handleRequest} and turn the result into JSON (the first invocation).
 *
 * <p>It prints two lines the harness reads: {@value #RESPONSE} with the response JSON, then
 * {@value #RESULT} with its timings. Anything else on stdout is the function's own logging.
 *
 * <pre>{@code java -cp function-lambda.jar:runner.jar:serialization.jar \
 *     dev.keyway.bench.runner.InvokeOnce dev.keyway.functions.connectors.ConnectorsHandler event.json}</pre>
 */
public final class InvokeOnce {
    public static final String RESPONSE = "KEYWAY_BENCH_RESPONSE";
    public static final String RESULT = "KEYWAY_BENCH_RESULT";

    private InvokeOnce() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long mainEpochMillis = System.currentTimeMillis();
        long main = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: InvokeOnce <handler class[::method]> <event.json>");
            System.exit(2);
        }
        String className = args[0].contains("::") ? args[0].substring(0, args[0].indexOf("::")) : args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        // init: what the runtime does before the first event arrives
        Class<?> handlerClass = Class.forName(className);
        Object handler = handlerClass.getDeclaredConstructor().newInstance();
        long initDone = System.nanoTime();

        // first invocation: event JSON -> input object -> handler -> output JSON
        Type[] types = HandlerTypes.requestHandlerTypes(handlerClass);
        Object input = serializer(types[0]).fromJson(new ByteArrayInputStream(event));
        Object output = ((RequestHandler) handler).handleRequest(input, BenchContext.fromEnvironment());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Type outputType = types[1] instanceof Class<?> || output == null ? types[1] : output.getClass();
        ((PojoSerializer<Object>) serializer(outputType)).toJson(output, json);
        long invokeDone = System.nanoTime();

        // Read only now: the management classes are not part of what is measured.
        long jvmStartEpochMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(RESPONSE + " " + json.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.println(RESULT
                + " jvmToMainMs=" + (mainEpochMillis - jvmStartEpochMillis)
                + " initMs=" + millis(initDone - main)
                + " invokeMs=" + millis(invokeDone - initDone));
        System.out.flush();
        // A Lambda container would wait for the next event; the run is over.
        System.exit(0);
    }

    /** As the runtime chooses: its own mix-ins for the aws-lambda-java-events classes, plain Jackson otherwise. */
    private static PojoSerializer<?> serializer(Type type) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return LambdaEventSerializers.serializerFor(c, InvokeOnce.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
