package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.core.KeywayException;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import dev.keyway.testing.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A CUSTOM account's credential check, a TCP connect to host:port from its own fields, at
 * connect time (import with verify) and by the scheduled check, against a real listening socket.
 */
@ExtendWith(LocalAwsExtension.class)
class CustomCheckTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    private Services services;
    private String appId;

    @BeforeEach
    void setUp(LocalAws aws) {
        services = Services.withProviderVerifier(aws, clock);
        appId = services.apps.createApp("Check test", true, "test").id();
        services.connectors.put(appId, "sftp", """
                {"provider": "custom", "displayName": "SFTP", "authMethods": [{"id": "login", "type": "CUSTOM",
                  "fields": [{"name": "host", "label": "Host", "type": "string"},
                             {"name": "port", "label": "Port", "type": "number"},
                             {"name": "password", "label": "Password", "type": "secret"}],
                  "check": {"type": "tcp", "host": "{host}", "port": "{port}"}}]}""", "test");
    }

    private String body(String user, int port) {
        return """
                {"connector": "sftp", "authMethod": "login", "endUserId": "%s", "verify": true,
                 "credentials": {"host": "127.0.0.1", "port": %d, "password": "check-secret-1"}}""".formatted(user, port);
    }

    @Test
    void aReachableServer_passesTheCheckAtConnect_andTheScheduledCheckNoticesWhenItGoes() throws Exception {
        String id;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            id = services.imports.importOne(appId, body("ana", server.getLocalPort()), "test").linkedAccount().id();
            LinkedAccount account = services.accounts.find(id).orElseThrow().account();
            assertThat(account.nextDueAt()).as("checked daily").isNotNull();

            clock.set(account.nextDueAt().plusSeconds(1));
            assertThat(services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED))
                    .isInstanceOf(TokenRefresher.Outcome.Refreshed.class);
        }
        clock.set(services.accounts.find(id).orElseThrow().account().nextDueAt().plusSeconds(1));
        var outcome = services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);

        assertThat(outcome).isInstanceOfSatisfying(TokenRefresher.Outcome.Failed.class,
                f -> assertThat(f.grantRejected()).isFalse());
        LinkedAccount after = services.accounts.find(id).orElseThrow().account();
        assertThat(after.status()).isEqualTo(LinkedAccountStatus.DEGRADED);
        assertThat(after.statusReason()).isEqualTo("verification_unavailable");
    }

    @Test
    void anUnreachableServer_isRefusedAtConnect_andNothingIsStored() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> services.imports.importOne(appId, body("bo", closed), "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.code()).isEqualTo("verification_unavailable");
                    assertThat(e.getMessage()).doesNotContain("check-secret-1");
                });
        assertThat(services.linkedAccounts.list(appId, java.util.Optional.of("bo"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()).data()).isEmpty();
    }

    @Test
    void anHttpCheck_acceptsOn2xx_andAnythingElseDegrades_neverNeedsReauth() throws Exception {
        var status = new java.util.concurrent.atomic.AtomicInteger(204);
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            services.connectors.put(appId, "intranet", """
                    {"provider": "custom", "displayName": "Intranet", "authMethods": [{"id": "login", "type": "CUSTOM",
                      "fields": [{"name": "token", "label": "Token", "type": "secret"}],
                      "check": {"type": "http", "url": "http://127.0.0.1:%d/health"}}]}""".formatted(server.getAddress().getPort()),
                    "test");
            String id = services.imports.importOne(appId, """
                    {"connector": "intranet", "authMethod": "login", "endUserId": "cy", "verify": true,
                     "credentials": {"token": "intranet-secret-2"}}""", "test").linkedAccount().id();

            status.set(401); // the check sends no secret field: a 401 says nothing about them
            clock.set(services.accounts.find(id).orElseThrow().account().nextDueAt().plusSeconds(1));
            var outcome = services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);

            assertThat(outcome).isInstanceOfSatisfying(TokenRefresher.Outcome.Failed.class,
                    f -> assertThat(f.grantRejected()).isFalse());
            assertThat(services.accounts.find(id).orElseThrow().account().status()).isEqualTo(LinkedAccountStatus.DEGRADED);
        } finally {
            server.stop(0);
        }
    }
}
