package dev.keyway.functions.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyway.linkedaccounts.ResolveService;
import dev.keyway.resolve.ResolveClient;
import dev.keyway.resolve.ResolveException;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ResolveClient against the real resolve handler: the request and answer cross as JSON, as
 * through Lambda Invoke (the transport serialises like the Lambda runtime: plain Jackson).
 */
@ExtendWith(LocalAwsExtension.class)
class ResolveClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Fixture fixture;
    private static ResolveClient client;
    private static String appId;

    @BeforeAll
    static void setUp(LocalAws aws) {
        fixture = DaggerFixture.create();
        ResolveHandler handler = new ResolveHandler();
        client = new ResolveClient(request -> {
            try {
                var input = JSON.readValue(request, ResolveService.Request.class);
                return JSON.writeValueAsBytes(handler.handleRequest(input, null));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        appId = fixture.apps().createApp("Resolve test", true, "test").id();
        fixture.connectors().put(appId, "crm", """
                {"provider": "custom", "displayName": "CRM", "baseUrl": "https://{tenant}.crm.example/api",
                 "connectionConfig": [{"name": "tenant", "label": "Tenant"}],
                 "authMethods": [
                   {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Api-Key", "prefix": "Key "}},
                   {"id": "basic", "type": "BASIC"}]}
                """, "test");
    }

    private static String importKey(String user, String ref, String key) {
        return fixture.imports().importOne(appId, """
                {"connector": "crm", "authMethod": "key", "endUserId": "%s", "externalRef": "%s",
                 "connectionConfig": {"tenant": "acme"}, "credentials": {"apiKey": "%s"}}
                """.formatted(user, ref, key), "test").linkedAccount().id();
    }

    @Test
    void resolve_byId_returnsCredentialsAndHowToApplyThem() {
        String id = importKey("u-1", "r-1", "key-123456");

        var resolved = client.resolve(appId, id);

        assertThat(resolved.linkedAccountId()).isEqualTo(id);
        assertThat(resolved.credentials()).containsEntry("apiKey", "key-123456");
        assertThat(resolved.apply().in()).isEqualTo("header");
        assertThat(resolved.apply().name()).isEqualTo("X-Api-Key");
        assertThat(resolved.apply().value()).isEqualTo("Key key-123456");
        assertThat(resolved.baseUrl()).isEqualTo("https://acme.crm.example/api");
        assertThat(resolved.toString()).doesNotContain("key-123456");
    }

    @Test
    void resolve_byEndUserAndConnector_findsTheOneAccount_andRefusesWhenThereAreSeveral() {
        String id = importKey("u-2", "r-2", "key-222222");
        assertThat(client.resolveFor(appId, "u-2", "crm").linkedAccountId()).isEqualTo(id);

        importKey("u-2", "r-3", "key-333333");
        assertThatThrownBy(() -> client.resolveFor(appId, "u-2", "crm"))
                .isInstanceOfSatisfying(ResolveException.class, e -> assertThat(e.code()).isEqualTo("ambiguous_linked_account"));
        assertThatThrownBy(() -> client.resolveFor(appId, "nobody", "crm")).isInstanceOf(ResolveException.NotFound.class);
    }

    @Test
    void basicCredentials_applyAsTheBasicHeader() {
        String id = fixture.imports().importOne(appId, """
                {"connector": "crm", "authMethod": "basic", "endUserId": "u-4", "connectionConfig": {"tenant": "acme"},
                 "credentials": {"username": "ann", "password": "pw-secret"}}""", "test").linkedAccount().id();
        assertThat(client.resolve(appId, id).apply().value())
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ann:pw-secret".getBytes()));
    }

    @Test
    void anotherAppsAccount_andUnknownIds_areNotFound() {
        String id = importKey("u-5", "r-5", "key-555555");
        String otherApp = fixture.apps().createApp("Other", true, "test").id();

        assertThatThrownBy(() -> client.resolve(otherApp, id)).isInstanceOf(ResolveException.NotFound.class);
        assertThatThrownBy(() -> client.resolve(appId, "la_doesnotexist")).isInstanceOf(ResolveException.NotFound.class);
    }

    @Test
    void missingAppId_isRefused() {
        assertThatThrownBy(() -> client.resolve("", "la_x"))
                .isInstanceOfSatisfying(ResolveException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
