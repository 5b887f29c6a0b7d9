package dev.keyway.local;

import com.sun.net.httpserver.HttpServer;
import dev.keyway.core.KeywayConfig;
import dev.keyway.provisioning.AwsEndpoint;
import dev.keyway.provisioning.ProvisionedFunction;
import dev.keyway.provisioning.ProvisionedStack;
import dev.keyway.provisioning.Provisioner;
import dev.keyway.provisioning.Template;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every function of template.yaml in one JVM: the HTTP routes behind an API Gateway
 * emulator on 127.0.0.1, the schedules on timers, the stream triggers by polling the table's
 * stream, all against a local AWS endpoint that was provisioned from the same template.
 */
public final class LocalRunner implements AutoCloseable {
    private final ProvisionedStack stack;
    private final HttpServer server;
    private final HttpApiEmulator api;
    private final ScheduleRunner schedules;
    private final StreamPoller streams;
    private final ExecutorService executor;

    private LocalRunner(ProvisionedStack stack, HttpServer server, HttpApiEmulator api, ScheduleRunner schedules,
                        StreamPoller streams, ExecutorService executor) {
        this.stack = stack;
        this.server = server;
        this.api = api;
        this.schedules = schedules;
        this.streams = streams;
        this.executor = executor;
    }

    /** Provisions template.yaml on {@code endpoint} and points this JVM's function settings at it. */
    public static ProvisionedStack provision(Template template, String stackName, AwsEndpoint endpoint) {
        ProvisionedStack stack = Provisioner.provision(template, stackName, endpoint);
        var credentials = endpoint.credentials().resolveCredentials();
        System.setProperty("aws.accessKeyId", credentials.accessKeyId());
        System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
        System.setProperty("AWS_REGION", endpoint.region());
        System.setProperty(KeywayConfig.AWS_ENDPOINT, endpoint.url().toString());
        stack.functions().forEach(f -> f.environment().forEach(LocalRunner::setIfAbsent));
        return stack;
    }

    /** Starts every function of {@code stack} and serves the HTTP API on 127.0.0.1:{@code port} (0 = any). */
    public static LocalRunner start(ProvisionedStack stack, int port) throws IOException {
        Map<String, FunctionHost> hosts = new LinkedHashMap<>();
        for (ProvisionedFunction function : stack.functions()) {
            hosts.put(function.logicalId(), FunctionHost.load(function.logicalId(), function.handler(), 30));
        }
        List<HttpApiEmulator.Route> routes = new ArrayList<>();
        for (var route : stack.routes()) {
            routes.add(new HttpApiEmulator.Route(new RoutePattern(route.method(), route.path()),
                    hosts.get(route.functionLogicalId()), route.usesDefaultAuthorizer()));
        }
        HttpApiEmulator api = new HttpApiEmulator(routes, hosts.get("AuthorizerFunction"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", api);
        server.start();
        // The runner is the public URL here: connect links and the OAuth redirect URI point at it.
        System.setProperty(KeywayConfig.PUBLIC_URL, "http://127.0.0.1:" + server.getAddress().getPort());
        ScheduleRunner schedules = ScheduleRunner.start(stack.schedules(), hosts);
        StreamPoller streams = StreamPoller.start(stack, hosts);
        return new LocalRunner(stack, server, api, schedules, streams, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public ProvisionedStack stack() {
        return stack;
    }

    /** The route keys served, as template.yaml declares them. */
    public List<String> servedRouteKeys() {
        return api.routes().stream().map(r -> r.pattern().routeKey()).toList();
    }

    List<String> describeRoutes() {
        return api.routes().stream().map(HttpApiEmulator::describe).toList();
    }

    @Override
    public void close() {
        schedules.close();
        streams.close();
        server.stop(0);
        executor.shutdownNow();
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
