package dev.keyway.connectors.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A connector definition ({@code PUT /v1/connectors/{key}}) is outside input: an app's body,
 * with client secrets in it. Whatever the body, the parser either accepts it or refuses it with
 * a 400, and a refusal never quotes the client secret. The bodies are a valid definition with
 * one or more values replaced (by other JSON of any type, long strings, URLs of every scheme),
 * removed, or joined by unknown fields, and strings that are not JSON at all.
 */
class ConnectorDefinitionProperties {
    private static final String SECRET = "canary-client-secret-7f3a";
    private static final String VALID = """
            {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
             "authMethods": [
               {"id": "oauth", "type": "OAUTH2", "clientId": "acme-client", "clientSecret": "%s",
                "scopes": ["read", "write"], "authorizationUrl": "https://auth.acme.example/authorize",
                "tokenUrl": "https://auth.acme.example/token",
                "inject": {"in": "header", "name": "Authorization", "prefix": "Bearer "}},
               {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}},
               {"id": "basic", "type": "BASIC"}]}
            """.formatted(SECRET);
    private static final ConnectorDefinitionParser PARSER = new ConnectorDefinitionParser(ProviderCatalog.shipped());

    @Property(tries = 1500)
    void aMutatedDefinition_isAcceptedOrA400_neverQuotingTheSecret(@ForAll("mutated") String body,
            @ForAll boolean localMode) {
        assertAcceptedOr400(body, localMode);
    }

    @Property(tries = 500)
    void anyString_isAcceptedOrA400(@ForAll String body) {
        assertAcceptedOr400(body, false);
    }

    @Property(tries = 300)
    void aCatalogProviderWithMutations_isAcceptedOrA400(@ForAll("catalogBodies") String body) {
        assertAcceptedOr400(body, false);
    }

    private static void assertAcceptedOr400(String body, boolean localMode) {
        try {
            ParsedConnector parsed = PARSER.parse("acme-crm", body, localMode);
            assertThat(parsed).isNotNull();
        } catch (KeywayException e) {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank().doesNotContain(SECRET);
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        JsonNode valid = read(VALID);
        List<String> paths = paths(valid, "");
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(paths), values(), Arbitraries.integers().between(0, 2))
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(4).map(mutations -> {
            JsonNode copy = valid.deepCopy();
            mutations.forEach(m -> m.apply(copy));
            return copy.toString();
        });
    }

    @Provide
    Arbitrary<String> catalogBodies() {
        return Combinators.combine(Arbitraries.of("github", "salesforce", "stripe", "shopify", "google", "not-a-provider"),
                values()).as((provider, scopes) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode().put("provider", provider);
                    ObjectNode method = body.putArray("authMethods").addObject().put("id", "oauth").put("type", "OAUTH2")
                            .put("clientId", "c").put("clientSecret", SECRET);
                    method.set("scopes", scopes);
                    return body.toString();
                });
    }

    /** JSON values of every type, and strings shaped like what the fields expect and what they must refuse. */
    private static Arbitrary<JsonNode> values() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(200).ofMaxLength(5000),
                Arbitraries.of("https://api.example.com", "http://127.0.0.1:9/x", "http://169.254.169.254/latest",
                        "javascript:alert(1)", "file:///etc/passwd", "https://user:pw@host.example", "https://",
                        "https://api.acme.example/{subdomain}", "OAUTH2", "API_KEY", "BASIC", "OAUTH2_CLIENT_CREDENTIALS",
                        "header", "query", "", " ", "\u0000", SECRET, "{", "..", "Authorization")).map(f::textNode);
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(strings,
                Arbitraries.integers().map(f::numberNode), Arbitraries.doubles().map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode), Arbitraries.just(f.nullNode()));
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(4).map(items -> {
            ArrayNode array = f.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), scalars)
                .as((k, v) -> (JsonNode) f.objectNode().set(k, v));
        return Arbitraries.oneOf(scalars, arrays, objects);
    }

    /** Replace the value at {@code path} (0), remove it (1), or add an unknown field beside it (2). */
    private record Mutation(String path, JsonNode value, int kind) {
        void apply(JsonNode root) {
            // An earlier mutation may have changed the shape under this path: then there is nothing to do.
            int slash = path.lastIndexOf('/');
            JsonNode parent = root.at(path.substring(0, slash));
            String last = path.substring(slash + 1);
            if (parent instanceof ObjectNode object) {
                switch (kind) {
                    case 0 -> object.set(last, value);
                    case 1 -> object.remove(last);
                    default -> object.set("unknown" + last, value);
                }
            } else if (parent instanceof ArrayNode array && last.matches("[0-9]+") && array.size() > Integer.parseInt(last)) {
                switch (kind) {
                    case 0 -> array.set(Integer.parseInt(last), value);
                    case 1 -> array.remove(Integer.parseInt(last));
                    default -> array.add(value);
                }
            }
        }
    }

    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                paths.add(prefix + "/" + name);
                paths.addAll(paths(node.get(name), prefix + "/" + name));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(prefix + "/" + i);
                paths.addAll(paths(node.get(i), prefix + "/" + i));
            }
        }
        return paths;
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
