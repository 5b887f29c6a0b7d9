package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Instant;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OAUTH2_CLIENT_CREDENTIALS without a browser: Keyway fetches the token from a real
 * authorization server (mock-oauth2-server) before it stores anything.
 */
@ExtendWith(LocalAwsExtension.class)
class ClientCredentialsImportTest {
    private final MockOAuth2Server server = new MockOAuth2Server();
    private Services services;
    private String appId;

    @BeforeEach
    void setUp(LocalAws aws) {
        server.start();
        services = new Services(aws, account -> CredentialVerifier.Verdict.NOT_SUPPORTED);
        appId = services.apps.createApp("Client credentials test", true, "test").id();
        connector("machine", server.tokenEndpointUrl("m2m").toString());
        connector("down", "http://127.0.0.1:9/token");
    }

    @AfterEach
    void tearDown() {
        server.shutdown();
    }

    private void connector(String key, String tokenUrl) {
        services.connectors.put(appId, key, """
                {"provider": "custom", "displayName": "Machine API", "baseUrl": "%s",
                 "authMethods": [{"id": "cc", "type": "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl": "%s", "scopes": ["api.read"]}]}
                """.formatted(server.baseUrl(), tokenUrl), "test");
    }

    private static String body(String connector, String user) {
        return """
                {"connector": "%s", "authMethod": "cc", "endUserId": "%s",
                 "credentials": {"clientId": "machine-client", "clientSecret": "machine-secret-77"}}""".formatted(connector, user);
    }

    @Test
    void importWithoutAToken_fetchesOne_andStoresItsExpiry() {
        var result = services.imports.importOne(appId, body("machine", "svc-1"), "test");

        var account = result.linkedAccount();
        assertThat(account.expiresAt()).isNotNull();
        assertThat(Instant.parse(account.expiresAt())).isAfter(Instant.now());
        var resolved = services.resolve.resolve(new ResolveService.Request(appId, account.id(), null, null));
        assertThat(resolved.credentials().get("accessToken")).isNotBlank();
        assertThat(resolved.apply().value()).startsWith("Bearer ").isNotEqualTo("Bearer machine-secret-77");
        assertThat(server.takeRequest().getBody().readUtf8()).contains("grant_type=client_credentials").contains("api.read");
    }

    @Test
    void aClientCredentialsToken_isFetchedAgainByTheRefresher() {
        var account = services.imports.importOne(appId, body("machine", "svc-3"), "test").linkedAccount();
        String first = services.resolve.resolve(new ResolveService.Request(appId, account.id(), null, null))
                .credentials().get("accessToken");

        var outcome = services.refresher.refresh(account.id(), TokenRefresher.Trigger.FORCED);

        assertThat(outcome).isInstanceOf(TokenRefresher.Outcome.Refreshed.class);
        String second = services.resolve.resolve(new ResolveService.Request(appId, account.id(), null, null))
                .credentials().get("accessToken");
        assertThat(second).isNotBlank().isNotEqualTo(first);
        assertThat(services.accounts.find(account.id()).orElseThrow().account().nextDueAt()).isNotNull();
    }

    @Test
    void anUnreachableTokenEndpoint_storesNothing() {
        assertThatThrownBy(() -> services.imports.importOne(appId, body("down", "svc-2"), "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).doesNotContain("machine-secret-77");
                });
        assertThat(services.linkedAccounts.list(appId, java.util.Optional.of("svc-2"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()).data()).isEmpty();
    }
}
