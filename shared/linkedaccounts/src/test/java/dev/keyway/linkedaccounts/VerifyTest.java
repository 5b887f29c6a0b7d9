package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.connectors.ConnectorCache;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.catalog.Verification;
import dev.keyway.core.KeywayException;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import dev.keyway.upstream.UpstreamClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code verify: true} over real HTTP: the provider (a loopback server) accepts only one key.
 * Custom connectors have no catalog verification endpoint, so the test verifier is the real
 * {@link ProviderVerifier} pointed at the server's {@code /me}.
 */
@ExtendWith(LocalAwsExtension.class)
class VerifyTest {
    private HttpServer provider;
    private final AtomicInteger calls = new AtomicInteger();
    private Services services;
    private String appId;

    @BeforeEach
    void setUp(LocalAws aws) throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/me", exchange -> {
            calls.incrementAndGet();
            String key = exchange.getRequestHeaders().getFirst("X-Key");
            int status = "good-key-123".equals(key) ? 200 : "broken".equals(key) ? 500 : 401;
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        Services plain = new Services(aws, account -> CredentialVerifier.Verdict.NOT_SUPPORTED);
        ProviderVerifier real = new ProviderVerifier(new UpstreamClient(),
                new ConnectorCache(new ConnectorRepository(plain.table, null), java.time.Clock.systemUTC()),
                ProviderCatalog.shipped());
        services = new Services(aws, account -> real.verify(account, new Verification("GET", "/me", null)));
        appId = services.apps.createApp("Verify test", true, "test").id();
        services.connectors.put(appId, "crm", """
                {"provider": "custom", "displayName": "CRM", "baseUrl": "http://127.0.0.1:%d",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Key"}}]}
                """.formatted(provider.getAddress().getPort()), "test");
    }

    @AfterEach
    void tearDown() {
        provider.stop(0);
    }

    private CredentialImportService.ImportResult importKey(String key) {
        return services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "key", "endUserId": "u-1", "verify": true,
                 "credentials": {"apiKey": "%s"}}""".formatted(key), "test");
    }

    @Test
    void acceptedCredentials_areStored() {
        assertThat(importKey("good-key-123").result()).isEqualTo(CredentialImportService.Outcome.created);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void rejectedCredentials_are422_storeNothing_andAreLogged() {
        assertThatThrownBy(() -> importKey("wrong-key-456"))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("credentials_rejected");
                    assertThat(e.getMessage()).doesNotContain("wrong-key-456");
                });
        assertThat(services.linkedAccounts.list(appId, Optional.of("u-1"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).data()).isEmpty();
        assertThat(services.authLog.recent(appId, 3)).extracting(e -> e.type())
                .contains(AuthEventTypes.LINKED_ACCOUNT_VERIFY_FAILED);
    }

    @Test
    void providerErrors_are502_andStoreNothing() {
        assertThatThrownBy(() -> importKey("broken"))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.code()).isEqualTo("verification_unavailable"));
        assertThat(services.linkedAccounts.list(appId, Optional.of("u-1"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).data()).isEmpty();
    }

    @Test
    void customConnectorWithoutAVerificationEndpoint_refusesVerify(LocalAws aws) {
        Services unsupported = new Services(aws, new ProviderVerifier(new UpstreamClient(),
                new ConnectorCache(new ConnectorRepository(services.table, null), java.time.Clock.systemUTC()),
                ProviderCatalog.shipped()));
        assertThatThrownBy(() -> unsupported.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "key", "endUserId": "u-2", "verify": true,
                 "credentials": {"apiKey": "good-key-123"}}""", "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("verify:");
                });
        assertThat(calls.get()).isZero();
    }
}
