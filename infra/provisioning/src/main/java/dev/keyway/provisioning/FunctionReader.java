package dev.keyway.provisioning;

import static dev.keyway.provisioning.Values.bool;
import static dev.keyway.provisioning.Values.list;
import static dev.keyway.provisioning.Values.map;
import static dev.keyway.provisioning.Values.string;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads AWS::Serverless::Function resources the way SAM expands them: Globals.Function
 * fills in Handler and Environment, Globals.HttpApi the API's default authorizer. Only the
 * event types something here runs locally are modelled (HttpApi, Schedule, ScheduleV2,
 * DynamoDB); others are skipped.
 */
final class FunctionReader {

    private final Map<String, Object> globals;
    private final Map<String, Resource> resources;

    FunctionReader(Map<String, Object> globals, Map<String, Resource> resources) {
        this.globals = globals;
        this.resources = resources;
    }

    List<FunctionDefinition> read() {
        List<FunctionDefinition> functions = new ArrayList<>();
        for (Resource resource : resources.values()) {
            if (resource.type().equals(Template.FUNCTION)) {
                functions.add(read(resource));
            }
        }
        return List.copyOf(functions);
    }

    private FunctionDefinition read(Resource function) {
        Map<String, Object> defaults = map(globals.get("Function"));
        Map<String, Object> props = function.properties();
        Object handler = props.getOrDefault("Handler", defaults.get("Handler"));

        Map<String, Object> environment = new LinkedHashMap<>(variables(defaults));
        environment.putAll(variables(props));

        List<HttpRoute> routes = new ArrayList<>();
        List<Schedule> schedules = new ArrayList<>();
        List<StreamTrigger> streams = new ArrayList<>();
        map(props.get("Events")).forEach((name, value) -> {
            Map<String, Object> event = map(value);
            Map<String, Object> p = map(event.get("Properties"));
            switch (string(event.get("Type"))) {
                case "HttpApi" -> routes.add(route(function.logicalId(), name, p));
                case "Schedule", "ScheduleV2" -> schedules.add(schedule(function.logicalId(), name, p));
                case "DynamoDB" -> streams.add(stream(function.logicalId(), name, p));
                default -> { } // not run locally
            }
        });
        return new FunctionDefinition(
                function.logicalId(),
                handler == null ? null : string(handler),
                // not Map.copyOf: keep template order, which is what the console and logs show
                Collections.unmodifiableMap(environment),
                List.copyOf(routes),
                List.copyOf(schedules),
                List.copyOf(streams));
    }

    static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return map(map(functionProperties.get("Environment")).get("Variables"));
    }

    private HttpRoute route(String function, String event, Map<String, Object> p) {
        if (p.get("Method") == null || p.get("Path") == null) {
            // The catch-all $default route would need routing rules of its own; say so instead.
            throw new IllegalArgumentException(
                    function + "." + event + ": HttpApi events need both Method and Path");
        }
        String method = string(p.get("Method")).toUpperCase(Locale.ROOT);
        String defaultAuthorizer = defaultAuthorizer(p.get("ApiId"));
        Object named = map(p.get("Auth")).get("Authorizer");
        String authorizer = named == null ? defaultAuthorizer : string(named);
        boolean authorized = authorizer != null && !authorizer.equals("NONE");
        if (authorized && !authorizer.equals(defaultAuthorizer)) {
            throw new IllegalArgumentException(function + "." + event + ": authorizer " + authorizer
                    + " is not the API's default; only the default authorizer or NONE is supported");
        }
        return new HttpRoute(method, string(p.get("Path")), function, event, authorized);
    }

    /** The referenced API's own DefaultAuthorizer, else Globals.HttpApi's (SAM merges them the same way). */
    private String defaultAuthorizer(Object apiId) {
        Map<String, Object> apiProps = Map.of();
        if (apiId != null) {
            String logicalId = string(map(apiId).get("Ref"));
            Resource api = resources.get(logicalId);
            if (api == null) {
                throw new IllegalArgumentException("ApiId refers to unknown resource " + logicalId);
            }
            apiProps = api.properties();
        }
        Object own = map(apiProps.get("Auth")).get("DefaultAuthorizer");
        Object global = map(map(globals.get("HttpApi")).get("Auth")).get("DefaultAuthorizer");
        Object chosen = own != null ? own : global;
        return chosen == null ? null : string(chosen);
    }

    private static Schedule schedule(String function, String event, Map<String, Object> p) {
        Object expression = p.containsKey("ScheduleExpression") ? p.get("ScheduleExpression") : p.get("Schedule");
        boolean enabled = p.containsKey("State")
                ? !string(p.get("State")).equals("DISABLED")
                : bool(p.get("Enabled"), true);
        Object input = p.get("Input");
        return new Schedule(function, event, string(expression), enabled, input == null ? null : string(input));
    }

    private static StreamTrigger stream(String function, String event, Map<String, Object> p) {
        List<?> getAtt = list(map(p.get("Stream")).get("Fn::GetAtt"));
        if (getAtt.size() != 2 || !"StreamArn".equals(getAtt.get(1))) {
            throw new IllegalArgumentException(
                    function + "." + event + ": Stream must be !GetAtt <Table>.StreamArn, got " + p.get("Stream"));
        }
        Object batchSize = p.get("BatchSize");
        return new StreamTrigger(
                function,
                event,
                string(getAtt.get(0)),
                string(p.getOrDefault("StartingPosition", "LATEST")),
                batchSize == null ? 100 : Integer.parseInt(string(batchSize)));
    }
}
