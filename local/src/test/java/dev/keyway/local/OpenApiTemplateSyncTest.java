package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.provisioning.HttpRoute;
import dev.keyway.provisioning.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/openapi.yaml and template.yaml describe the same HTTP API: the same route keys, and the
 * bearer secret key required exactly where API Gateway runs the authorizer. A route added to
 * one file and not the other fails here, naming what is missing on each side.
 */
class OpenApiTemplateSyncTest {

    private static final Path TEMPLATE_FILE = Template.locate();
    private static final Template TEMPLATE = Template.load(TEMPLATE_FILE);
    private static final Path OPENAPI_FILE = TEMPLATE_FILE.getParent().resolve("docs/openapi.yaml");
    private static final Map<String, Object> OPENAPI = load(OPENAPI_FILE);
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** An OpenAPI operation under its route key; {@code security} is null when the operation has none of its own. */
    private record Operation(String routeKey, List<Object> security) {
    }

    @Test
    void openApi_documentsExactlyTheRoutesTemplateYamlDeploys() {
        Set<String> deployed = TEMPLATE.httpRoutes().stream()
                .flatMap(r -> routeKeys(r.method(), r.path()).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>(operations().keySet());

        assertThat(deployed).as("HttpApi routes in template.yaml").isNotEmpty();
        assertThat(documented)
                .withFailMessage("docs/openapi.yaml and template.yaml disagree on the routes.%n"
                                + "  in template.yaml but missing from docs/openapi.yaml: %s%n"
                                + "  in docs/openapi.yaml but missing from template.yaml: %s",
                        minus(deployed, documented), minus(documented, deployed))
                .isEqualTo(deployed);
    }

    @Test
    void operations_requireTheBearerKeyExactlyWhereTheAuthorizerRuns() {
        Set<String> bearerSchemes = bearerSchemes();
        assertThat(bearerSchemes).as("http bearer schemes in components.securitySchemes").isNotEmpty();
        List<Object> rootSecurity = list(OPENAPI.get("security"));
        Map<String, Operation> operations = operations();

        List<String> problems = new ArrayList<>();
        for (HttpRoute route : TEMPLATE.httpRoutes()) {
            for (String key : routeKeys(route.method(), route.path())) {
                Operation operation = operations.get(key);
                if (operation == null) {
                    continue; // the route test names it
                }
                if (route.usesDefaultAuthorizer()) {
                    List<Object> effective = operation.security() != null ? operation.security() : rootSecurity;
                    if (!requiresBearer(effective, bearerSchemes)) {
                        problems.add(operation.routeKey() + ": template.yaml runs the authorizer, but its security is "
                                + effective + " (own or inherited); it must require one of " + bearerSchemes
                                + " and offer no unauthenticated alternative ({})");
                    }
                } else if (operation.security() == null || !operation.security().isEmpty()) {
                    problems.add(operation.routeKey() + ": template.yaml has no authorizer on "
                            + route.functionLogicalId() + "." + route.eventName() + ", so the operation must declare"
                            + " `security: []`; it has " + (operation.security() == null
                                    ? "none of its own and inherits " + rootSecurity : operation.security()));
                }
            }
        }
        assertThat(problems)
                .withFailMessage("docs/openapi.yaml and template.yaml disagree on authentication:%n  %s",
                        String.join(System.lineSeparator() + "  ", problems))
                .isEmpty();
    }

    /** Every requirement names only bearer schemes, and there is at least one (an empty {} would make auth optional). */
    private static boolean requiresBearer(List<Object> security, Set<String> bearerSchemes) {
        if (security == null || security.isEmpty()) {
            return false;
        }
        for (Object requirement : security) {
            Map<String, Object> schemes = map(requirement);
            if (schemes.isEmpty() || !bearerSchemes.containsAll(schemes.keySet())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> bearerSchemes() {
        Map<String, Object> schemes = map(map(OPENAPI.get("components")).get("securitySchemes"));
        return schemes.entrySet().stream()
                .filter(e -> "http".equals(map(e.getValue()).get("type"))
                        && "bearer".equalsIgnoreCase(String.valueOf(map(e.getValue()).get("scheme"))))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        map(OPENAPI.get("paths")).forEach((path, item) -> map(item).forEach((key, value) -> {
            if (HTTP_METHODS.contains(key)) {
                Map<String, Object> operation = map(value);
                List<Object> security = operation.containsKey("security") ? list(operation.get("security")) : null;
                String routeKey = routeKey(key, path);
                operations.put(routeKey, new Operation(routeKey, security));
            }
        }));
        return operations;
    }

    /**
     * The methods OpenAPI lists for an {@code ANY} route of template.yaml, which OpenAPI cannot
     * express: each must be documented (HEAD and OPTIONS are forwarded too, but need no page).
     */
    private static final List<String> ANY_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** The route keys one template route stands for: itself, or one per method for {@code ANY}. */
    private static List<String> routeKeys(String method, String path) {
        return "ANY".equalsIgnoreCase(method)
                ? ANY_METHODS.stream().map(m -> routeKey(m, path)).toList()
                : List.of(routeKey(method, path));
    }

    /**
     * API Gateway's route key. A greedy {@code {name+}} parameter is written {@code {name}} in
     * OpenAPI, which has no greedy form, so both sides compare without the plus.
     */
    private static String routeKey(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{([^}]+)\\+}", "{$1}");
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static Map<String, Object> load(Path file) {
        try {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            return map(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
