package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.audit.AuthEvent;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.oauth.RotatingAuthorizationServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Token refresh against Spring Authorization Server configured to rotate refresh tokens and to
 * reject a reused one, its token-endpoint calls counted. Time moves through an injected clock.
 */
@ExtendWith(LocalAwsExtension.class)
class RefreshTest {
    private static RotatingAuthorizationServer server;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final AtomicReference<CredentialVerifier.Verdict> verdict =
            new AtomicReference<>(CredentialVerifier.Verdict.NOT_SUPPORTED);
    private LocalAws aws;
    private Services services;
    private String appId;

    @BeforeAll
    static void startServer() {
        server = RotatingAuthorizationServer.start(new RotatingAuthorizationServer.Settings(Duration.ofMinutes(5),
                Duration.ofDays(1)));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp(LocalAws localAws) {
        aws = localAws;
        services = services();
        appId = services.apps.createApp("Refresh test", true, "test").id();
        services.connectors.put(appId, "idp", """
                {"provider": "custom", "displayName": "IdP", "baseUrl": "%s",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "%s", "clientSecret": "%s",
                   "authorizationUrl": "%s", "tokenUrl": "%s", "scopes": ["read"]}]}
                """.formatted(server.issuer(), server.clientId(), server.clientSecret(), server.authorizationUrl(),
                server.tokenUrl()), "test");
        services.connectors.put(appId, "crm", """
                {"provider": "custom", "displayName": "CRM", "baseUrl": "http://127.0.0.1:9/api",
                 "verification": {"method": "GET", "path": "/me"},
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Key"}}]}
                """, "test");
        server.clearFaults();
        server.delayTokenResponses(Duration.ZERO);
        server.resetCounts();
    }

    /** A separately built set of services: another function instance (another container) over the same table. */
    private Services services() {
        return new Services(aws, account -> verdict.get(), clock);
    }

    /** An account connected with a real grant from the server, expiring when the server says. */
    private String connect(String user) {
        RotatingAuthorizationServer.TokenPair pair = server.issue(user, Set.of("read"));
        server.resetCounts();
        clock.set(Instant.now());
        var result = services.imports.importOne(appId, """
                {"connector": "idp", "authMethod": "oauth", "endUserId": "%s",
                 "credentials": {"accessToken": "%s", "refreshToken": "%s", "expiresAt": "%s", "scopes": ["read"]}}
                """.formatted(user, pair.accessToken(), pair.refreshToken(), pair.expiresAt()), "test");
        return result.linkedAccount().id();
    }

    private LinkedAccount account(String id) {
        return services.accounts.find(id).orElseThrow().account();
    }

    private List<String> eventTypes(String id) {
        return services.authLog.recent(appId, 100).stream().filter(e -> id.equals(e.linkedAccountId()))
                .map(AuthEvent::type).toList();
    }

    @Test
    void scheduledRefresh_beforeExpiry_keepsTheRotatedRefreshToken() {
        String id = connect("ana");
        LinkedAccount before = account(id);
        assertThat(before.nextDueAt()).isNotNull().isBefore(before.expiresAt());
        assertThat(Duration.between(before.nextDueAt(), before.expiresAt()))
                .as("10% of a 5-minute token is 30 s, raised to the 5-minute floor, which is the whole lifetime: half of it")
                .isBetween(Duration.ofSeconds(145), Duration.ofSeconds(150));

        clock.set(before.nextDueAt().plusSeconds(1));
        var first = services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);
        clock.set(account(id).nextDueAt().plusSeconds(1));
        var second = services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);

        assertThat(first).isInstanceOf(TokenRefresher.Outcome.Refreshed.class);
        assertThat(second).as("the second refresh used the rotated token; a reused one is refused")
                .isInstanceOf(TokenRefresher.Outcome.Refreshed.class);
        assertThat(server.refreshRequests()).isEqualTo(2);
        LinkedAccount after = account(id);
        assertThat(after.status()).isEqualTo(LinkedAccountStatus.CONNECTED);
        assertThat(after.lastRefreshedAt()).isNotNull();
        assertThat(eventTypes(id)).containsOnlyOnce("linked_account.imported").filteredOn("linked_account.refreshed"::equals)
                .hasSize(2);
    }

    @Test
    void notDueYet_isLeftAlone() {
        String id = connect("ben");
        var outcome = services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);
        assertThat(outcome).isInstanceOf(TokenRefresher.Outcome.NotNeeded.class);
        assertThat(server.refreshRequests()).isZero();
    }

    @Test
    void fiftyConcurrentResolves_nearExpiry_makeOneRefreshRequest() throws Exception {
        String id = connect("cy");
        LinkedAccount before = account(id);
        String oldToken = ((Credentials.OAuth2) services.accounts.credentials(services.accounts.find(id).orElseThrow()))
                .accessToken();
        clock.set(before.expiresAt().minusSeconds(10));
        server.delayTokenResponses(Duration.ofMillis(300));
        Services otherContainer = services();
        List<Callable<String>> callers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 50; i++) {
            ResolveService resolve = i % 2 == 0 ? services.resolve : otherContainer.resolve;
            callers.add(() -> {
                start.await();
                return resolve.resolve(new ResolveService.Request(appId, id, null, null)).credentials().get("accessToken");
            });
        }
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            callers.forEach(c -> results.add(pool.submit(c)));
            start.countDown();
            List<String> tokens = new ArrayList<>();
            for (Future<String> f : results) {
                tokens.add(f.get());
            }
            assertThat(server.refreshRequests()).isEqualTo(1);
            assertThat(tokens).hasSize(50).doesNotContainNull().containsOnly(tokens.get(0));
            assertThat(tokens.get(0)).isNotEqualTo(oldToken);
        }
        LinkedAccount after = account(id);
        assertThat(after.status()).isEqualTo(LinkedAccountStatus.CONNECTED);
        assertThat(after.expiresAt()).isAfter(before.expiresAt());
        assertThat(userInfo(services.accounts.credentials(services.accounts.find(id).orElseThrow()))).isEqualTo(200);

        server.delayTokenResponses(Duration.ZERO);
        var next = services.refresher.refresh(id, TokenRefresher.Trigger.FORCED);
        assertThat(next).as("the rotated refresh token was kept").isInstanceOf(TokenRefresher.Outcome.Refreshed.class);
        assertThat(server.refreshRequests()).isEqualTo(2);
    }

    @Test
    void aCrashAfterTheProviderAnswered_endsInNeedsReauth_notALoop() throws Exception {
        String id = connect("dee");
        StoredAccount stored = services.accounts.find(id).orElseThrow();
        String persisted = ((Credentials.OAuth2) services.accounts.credentials(stored)).refreshToken();
        clock.set(account(id).nextDueAt().plusSeconds(1));
        // The crashed worker: it took the lease, the provider rotated the token, the write never happened.
        assertThat(services.accounts.takeLease(id, "crashed-worker", clock.instant(), TokenRefresher.LEASE)).isPresent();
        assertThat(refreshAtTheProvider(persisted)).isEqualTo(200);

        assertThat(services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED))
                .as("the lease is still the crashed worker's").isInstanceOf(TokenRefresher.Outcome.Busy.class);
        clock.advance(TokenRefresher.LEASE.plusSeconds(1));
        var outcome = services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);

        assertThat(outcome).isInstanceOfSatisfying(TokenRefresher.Outcome.Failed.class,
                f -> assertThat(f.grantRejected()).isTrue());
        LinkedAccount after = account(id);
        assertThat(after.status()).isEqualTo(LinkedAccountStatus.NEEDS_REAUTH);
        assertThat(after.statusReason()).isEqualTo("invalid_grant");
        assertThat(after.nextDueAt()).as("no more retries").isNull();
        assertThat(eventTypes(id)).contains("linked_account.needs_reauth");
    }

    @Test
    void providerOutage_degradesWithinTheBackoffBound_andRecovers() {
        String id = connect("eli");
        clock.set(account(id).nextDueAt().plusSeconds(1));
        server.failTokenRequests(503, "<html>down</html>", "text/html", Duration.ofSeconds(90));
        server.resetCounts();
        Instant outageStart = clock.instant();

        // An hour of outage, the scheduler running every minute.
        for (int minute = 0; minute < 60; minute++) {
            services.scheduled.run(Duration.ofSeconds(30));
            clock.advance(Duration.ofMinutes(1));
        }

        LinkedAccount during = account(id);
        assertThat(during.status()).isEqualTo(LinkedAccountStatus.DEGRADED);
        assertThat(during.statusReason()).as("the token ran out during the outage").isEqualTo("expired");
        // Other tests' accounts share this server and table, so this account's attempts are counted by
        // the account itself: each failed attempt is one token request, one failure and one auth-log entry.
        assertThat(during.failures()).as("token requests for this account in an hour of outage").isBetween(3, 7);
        List<String> attempts = eventTypes(id).stream()
                .filter(t -> t.equals("linked_account.degraded") || t.equals("linked_account.refresh_failed")).toList();
        assertThat(attempts).hasSize(during.failures()).contains("linked_account.degraded", "linked_account.refresh_failed");
        assertThat(Duration.between(outageStart, during.nextDueAt())).isPositive();

        server.clearFaults();
        clock.set(during.nextDueAt().plusSeconds(1));
        services.scheduled.run(Duration.ofSeconds(30));

        LinkedAccount after = account(id);
        assertThat(after.status()).isEqualTo(LinkedAccountStatus.CONNECTED);
        assertThat(after.failures()).isZero();
        assertThat(eventTypes(id)).contains("linked_account.recovered");
    }

    @Test
    void resolvesDuringAnOutage_doNotStormTheProvider() {
        String id = connect("oz");
        clock.set(account(id).expiresAt().minusSeconds(5));
        server.failTokenRequests(503, "down", "text/plain", null);
        server.resetCounts();
        for (int i = 0; i < 20; i++) {
            services.resolve.resolve(new ResolveService.Request(appId, id, null, null));
        }
        assertThat(server.tokenRequests()).as("one attempt, then the backoff holds").isEqualTo(1);
        assertThat(account(id).status()).isEqualTo(LinkedAccountStatus.DEGRADED);
    }

    @Test
    void retryAfter_isHonoured() {
        String id = connect("fay");
        clock.set(account(id).nextDueAt().plusSeconds(1));
        server.failTokenRequests(429, "{\"error\":\"slow_down\"}", "application/json", Duration.ofMinutes(20));
        services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);
        assertThat(Duration.between(clock.instant(), account(id).nextDueAt())).isGreaterThanOrEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aRevokedGrant_needsReauth_andReconnectKeepsTheId() {
        String id = connect("gus");
        StoredAccount stored = services.accounts.find(id).orElseThrow();
        server.revokeGrant(((Credentials.OAuth2) services.accounts.credentials(stored)).refreshToken());
        clock.set(account(id).nextDueAt().plusSeconds(1));

        services.scheduled.run(Duration.ofSeconds(30));

        assertThat(account(id).status()).isEqualTo(LinkedAccountStatus.NEEDS_REAUTH);
        assertThat(eventTypes(id)).contains("linked_account.needs_reauth");
        RotatingAuthorizationServer.TokenPair fresh = server.issue("gus", Set.of("read"));
        var grant = new ConnectionGrant("idp", "oauth", "gus", (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.keyway.core.Json.mapper().valueToTree(java.util.Map.of("accessToken", fresh.accessToken(),
                        "refreshToken", fresh.refreshToken(), "expiresIn", 300)),
                java.util.Map.of(), false, id, "oauth");
        var reconnected = services.imports.connect(appId, grant, x -> List.of(), "end_user");
        assertThat(reconnected.linkedAccount().id()).isEqualTo(id);
        assertThat(account(id).status()).isEqualTo(LinkedAccountStatus.CONNECTED);
        assertThat(account(id).nextDueAt()).isNotNull();
    }

    @Test
    void apiKeyAccounts_getADailyCheck_rejectedMeansNeedsReauth_unavailableMeansDegraded() {
        var result = services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "key", "endUserId": "hal", "credentials": {"apiKey": "k-1"}}""", "test");
        String id = result.linkedAccount().id();
        LinkedAccount before = account(id);
        assertThat(before.nextDueAt()).isBetween(clock.instant(), clock.instant().plus(Duration.ofDays(1)));

        clock.set(before.nextDueAt().plusSeconds(1));
        verdict.set(CredentialVerifier.Verdict.UNAVAILABLE);
        services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);
        assertThat(account(id).status()).isEqualTo(LinkedAccountStatus.DEGRADED);

        clock.set(account(id).nextDueAt().plusSeconds(1));
        verdict.set(CredentialVerifier.Verdict.ACCEPTED);
        services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);
        assertThat(account(id).status()).isEqualTo(LinkedAccountStatus.CONNECTED);
        assertThat(account(id).nextDueAt()).isAfter(clock.instant().plus(Duration.ofHours(22)));

        clock.set(account(id).nextDueAt().plusSeconds(1));
        verdict.set(CredentialVerifier.Verdict.REJECTED);
        services.refresher.refresh(id, TokenRefresher.Trigger.SCHEDULED);
        assertThat(account(id).status()).isEqualTo(LinkedAccountStatus.NEEDS_REAUTH);
        assertThat(account(id).statusReason()).isEqualTo("credentials_rejected");
        assertThat(eventTypes(id)).contains("linked_account.degraded", "linked_account.recovered",
                "linked_account.needs_reauth");
    }

    @Test
    void theScheduler_readsOnlyWhatIsDue() {
        String due = connect("ida");
        connect("jon");
        clock.set(account(due).nextDueAt().plusSeconds(1));
        var run = services.scheduled.run(Duration.ofSeconds(30));
        assertThat(run.itemsRead()).as("the index hands over due keys only").isEqualTo(run.due());
        assertThat(run.due()).isGreaterThanOrEqualTo(2);
        assertThat(account(due).lastRefreshedAt()).isNotNull();
    }

    @Test
    void afterAProvider401_oneRefreshGivesNewCredentials() {
        String id = connect("kim");
        ResolvedAccount rejected = services.resolver.resolve(services.accounts.find(id).orElseThrow());
        var retry = services.fresh.afterUnauthorized(rejected);
        assertThat(retry).isPresent();
        assertThat(retry.get().credentials()).isNotEqualTo(rejected.credentials());
        assertThat(server.refreshRequests()).isEqualTo(1);
    }

    private static int refreshAtTheProvider(String refreshToken) throws Exception {
        String basic = Base64.getEncoder().encodeToString((server.clientId() + ":" + server.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                                + java.net.URLEncoder.encode(refreshToken, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int userInfo(Credentials credentials) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.userInfoUrl()))
                .header("Authorization", "Bearer " + ((Credentials.OAuth2) credentials).accessToken()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
