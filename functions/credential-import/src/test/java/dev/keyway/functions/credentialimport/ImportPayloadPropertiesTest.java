package dev.keyway.functions.credentialimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.core.Json;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Import payloads are outside input carrying credentials. Generated with jqwik's generators (the
 * handler needs DynamoDB, so this runs as a Jupiter test with moto rather than as a jqwik
 * property; no shrinking, the failing body is printed instead): every body is either imported
 * (200/201) or refused with a 4xx in Keyway's error shape, never a 5xx; no answer quotes a
 * credential; a refused body stores nothing.
 */
@ExtendWith(LocalAwsExtension.class)
class ImportPayloadPropertiesTest {
    private static final String CANARY = "canary-secret-9d2c";
    private static final int TRIES = 300;
    private static Fixture fixture;
    private static CredentialImportHandler handler;
    private static String appId;

    @BeforeAll
    static void setUp(LocalAws aws) {
        fixture = DaggerFixture.create();
        handler = new CredentialImportHandler();
        appId = fixture.apps().createApp("Import properties", false, "test").id();
        fixture.connectors().put(appId, "crm", """
                {"provider": "custom", "displayName": "CRM", "baseUrl": "https://api.crm.example",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Key"}},
                   {"id": "basic", "type": "BASIC"},
                   {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "s", "scopes": ["read"],
                    "authorizationUrl": "https://auth.crm.example/a", "tokenUrl": "https://auth.crm.example/t"}]}
                """, "test");
    }

    @Test
    void anyImportBody_isStoredOrA4xx_neverQuotingACredential() throws Exception {
        List<String> bodies = bodies().sampleStream().limit(TRIES).toList();
        for (String body : bodies) {
            for (String route : List.of("POST /v1/linked-accounts/import", "POST /v1/linked-accounts/import/batch")) {
                String sent = route.endsWith("batch") ? "{\"items\": [" + body + "]}" : body;
                var response = handler.handleRequest(event(route, sent), null);

                int status = response.getStatusCode();
                assertThat(status).as("%s %s -> %s", route, sent, response.getBody()).isIn(200, 201, 400, 404, 409, 413, 422);
                assertThat(response.getBody()).as(sent).doesNotContain(CANARY);
                JsonNode json = Json.mapper().readTree(response.getBody());
                if (status >= 400) {
                    assertThat(json.at("/error/code").asText()).as(sent).isNotBlank();
                }
            }
        }
        // Refused items stored nothing: every stored account came from a 2xx, and none is for a refused end user.
        var stored = fixture.linkedAccounts().list(appId, Optional.of("refused-user"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).data();
        assertThat(stored).isEmpty();
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String body) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withBody(body)
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("prop")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("appId", appId, "keyId", "key_prop")).build()).build())
                .build();
    }

    /**
     * A well-formed import per auth method, with fields replaced by values of other types and
     * shapes, removed, or joined by unknown ones; plus text that is not JSON. An end user
     * "refused-user" is only ever sent in a body that must be refused (an unknown field).
     */
    private static Arbitrary<String> bodies() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(f::textNode),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(300).ofMaxLength(9000).map(f::textNode),
                Arbitraries.of("", " ", "2026-13-45T99:00:00Z", "2020-01-01T00:00:00Z", "-1", "1e309", "key", "basic",
                        "oauth", "crm", "nope", CANARY).map(f::textNode),
                Arbitraries.integers().map(f::numberNode), Arbitraries.longs().map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode), Arbitraries.just(f.nullNode()),
                Arbitraries.just(f.arrayNode().add(CANARY)), Arbitraries.just(f.objectNode().put("x", CANARY)));
        Arbitrary<ObjectNode> base = Arbitraries.of("key", "basic", "oauth").map(method -> {
            ObjectNode body = f.objectNode().put("connector", "crm").put("authMethod", method).put("endUserId", "u-prop");
            ObjectNode credentials = body.putObject("credentials");
            switch (method) {
                case "key" -> credentials.put("apiKey", CANARY);
                case "basic" -> credentials.put("username", "ana").put("password", CANARY);
                default -> credentials.put("accessToken", CANARY).put("refreshToken", CANARY).put("expiresIn", 3600);
            }
            return body;
        });
        Arbitrary<String> field = Arbitraries.of("connector", "authMethod", "endUserId", "externalRef", "credentials",
                "credentials.apiKey", "credentials.username", "credentials.password", "credentials.accessToken",
                "credentials.refreshToken", "credentials.expiresAt", "credentials.expiresIn", "credentials.scopes",
                "credentials.raw", "connectionConfig", "verify", "metadata");
        Arbitrary<String> mutated = Combinators.combine(base, field, values, Arbitraries.integers().between(0, 2))
                .as((body, name, generated, kind) -> {
                    // The canary is a credential: only credential fields get it. Other fields (a connector
                    // key, an end user id) are not secret, and an error may rightly name them.
                    JsonNode value = name.startsWith("credentials") || !generated.toString().contains(CANARY)
                            ? generated : f.textNode("not-a-secret");
                    ObjectNode parent = body;
                    String leaf = name;
                    if (name.startsWith("credentials.")) {
                        parent = (ObjectNode) body.get("credentials");
                        leaf = name.substring("credentials.".length());
                    }
                    switch (kind) {
                        case 0 -> parent.set(leaf, value);
                        case 1 -> parent.remove(leaf);
                        default -> {
                            body.put("endUserId", "refused-user");
                            parent.set("unknown_" + leaf, value);
                        }
                    }
                    return body.toString();
                });
        return Arbitraries.oneOf(mutated, mutated, Arbitraries.strings().ofMaxLength(50),
                Arbitraries.of("", "null", "[]", "{}", "{\"connector\":", "\"text\"", "[{}]"));
    }
}
