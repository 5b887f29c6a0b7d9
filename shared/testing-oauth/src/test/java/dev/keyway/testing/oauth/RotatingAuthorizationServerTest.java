package dev.keyway.testing.oauth;

import static dev.keyway.testing.oauth.TokenEndpointClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RotatingAuthorizationServerTest {
    private static RotatingAuthorizationServer server;
    private static TokenEndpointClient client;

    @BeforeAll
    static void start() {
        server = RotatingAuthorizationServer.start(RotatingAuthorizationServer.Settings.defaults());
        client = new TokenEndpointClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.clearFaults();
        server.resetCounts();
    }

    @Test
    void refresh_shouldAnswerNewAccessTokenAndNewRefreshToken() {
        // GIVEN
        var issued = server.issue("alice", Set.of("read", "write"));

        // WHEN
        HttpResponse<String> response = client.refresh(issued.refreshToken());

        // THEN
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = json(response);
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        assertThat(body.get("access_token")).isInstanceOf(String.class).isNotEqualTo(issued.accessToken());
        assertThat(body.get("refresh_token")).isInstanceOf(String.class).isNotEqualTo(issued.refreshToken());
        assertThat(((Number) body.get("expires_in")).longValue()).isBetween(290L, 300L);
        assertThat(Set.of(((String) body.get("scope")).split(" "))).containsExactlyInAnyOrder("read", "write");
    }

    @Test
    void refresh_whenRefreshTokenWasRotated_shouldBeInvalidGrant() {
        // GIVEN
        var issued = server.issue("alice", Set.of("read"));
        String rotated = (String) json(client.refresh(issued.refreshToken())).get("refresh_token");

        // WHEN
        HttpResponse<String> reused = client.refresh(issued.refreshToken());

        // THEN
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).get("error")).isEqualTo("invalid_grant");
        assertThat(client.refresh(rotated).statusCode()).as("the current refresh token still works").isEqualTo(200);
    }

    @Test
    void counts_shouldCountEveryTokenPostAndRefreshesApart() {
        // GIVEN
        var issued = server.issue("alice", Set.of("read"));
        assertThat(server.tokenRequests()).as("issue makes no token request").isZero();

        // WHEN
        client.postBasic(Map.of("grant_type", "client_credentials", "scope", "read"));
        String next = (String) json(client.refresh(issued.refreshToken())).get("refresh_token");
        client.refresh(issued.refreshToken());
        server.failTokenRequests(503, "{}", "application/json", null);
        client.refresh(next);

        // THEN
        assertThat(server.tokenRequests()).isEqualTo(4);
        assertThat(server.refreshRequests()).isEqualTo(3);
        server.resetCounts();
        assertThat(server.tokenRequests()).isZero();
        assertThat(server.refreshRequests()).isZero();
    }

    @Test
    void failTokenRequests_shouldAnswerTheFaultUntilCleared() {
        // GIVEN
        var issued = server.issue("alice", Set.of("read"));
        server.failTokenRequests(503, "{\"error\":\"temporarily_unavailable\"}", "application/json",
                Duration.ofMillis(6500));

        // WHEN
        HttpResponse<String> faulted = client.refresh(issued.refreshToken());

        // THEN
        assertThat(faulted.statusCode()).isEqualTo(503);
        assertThat(faulted.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(faulted.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(faulted).get("error")).isEqualTo("temporarily_unavailable");

        server.clearFaults();
        assertThat(client.refresh(issued.refreshToken()).statusCode())
                .as("a faulted request changed nothing: the same refresh token still works").isEqualTo(200);
    }

    @Test
    void failTokenRequests_withoutRetryAfter_shouldSendNoRetryAfter() {
        server.failTokenRequests(500, "oops", "text/plain", null);

        HttpResponse<String> faulted = client.postInBody(Map.of("grant_type", "client_credentials"));

        assertThat(faulted.statusCode()).isEqualTo(500);
        assertThat(faulted.body()).isEqualTo("oops");
        assertThat(faulted.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void revokeGrant_shouldMakeLaterRefreshesInvalidGrantAndTheAccessTokenUnauthorized() {
        // GIVEN
        var issued = server.issue("alice", Set.of("read"));

        // WHEN
        server.revokeGrant(issued.refreshToken());

        // THEN
        HttpResponse<String> refreshed = client.refresh(issued.refreshToken());
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(json(refreshed).get("error")).isEqualTo("invalid_grant");
        assertThat(client.userInfo(issued.accessToken()).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> server.revokeGrant(issued.refreshToken()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refresh_withClientSecretPost_shouldRotateToo() {
        var issued = server.issue("bob", Set.of("read"));

        HttpResponse<String> response = client.postInBody(
                Map.of("grant_type", "refresh_token", "refresh_token", issued.refreshToken()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("refresh_token")).isNotEqualTo(issued.refreshToken());
    }

    @Test
    void tokenRequest_withWrongClientSecret_shouldBeInvalidClient() {
        var issued = server.issue("bob", Set.of("read"));

        HttpResponse<String> response = client.post(Map.of("grant_type", "refresh_token",
                "refresh_token", issued.refreshToken(), "client_id", server.clientId(), "client_secret", "wrong"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error")).isEqualTo("invalid_client");
    }

    @Test
    void clientCredentials_shouldIssueAnAccessTokenWithoutRefreshToken() {
        HttpResponse<String> response = client.postBasic(Map.of("grant_type", "client_credentials", "scope", "read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).containsKey("access_token").doesNotContainKey("refresh_token");
    }

    @Test
    void userInfo_shouldAnswer200OnlyForTheCurrentAccessToken() {
        // GIVEN
        var issued = server.issue("carol \"c\"", Set.of("read", "email"));

        // WHEN / THEN
        HttpResponse<String> ok = client.userInfo(issued.accessToken());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok)).isEqualTo(Map.of("sub", "carol \"c\"", "scope", "email read"));

        HttpResponse<String> unknown = client.userInfo("not-a-token");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(client.userInfo(null).statusCode()).isEqualTo(401);

        String refreshedAccessToken = (String) json(client.refresh(issued.refreshToken())).get("access_token");
        assertThat(client.userInfo(issued.accessToken()).statusCode()).as("replaced by the refresh").isEqualTo(401);
        assertThat(client.userInfo(refreshedAccessToken).statusCode()).isEqualTo(200);
    }

    @Test
    void issue_shouldAnswerTheAccessTokenExpiry() {
        Instant before = Instant.now();

        var issued = server.issue("dave", Set.of());

        assertThat(issued.expiresAt()).isBetween(before.plus(Duration.ofMinutes(5)).minusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void concurrentRefreshes_withOneRefreshToken_shouldLetExactlyOneWin() throws Exception {
        // GIVEN
        var issued = server.issue("erin", Set.of("read"));
        server.delayTokenResponses(Duration.ofMillis(300));
        Callable<Integer> refresh = () -> client.refresh(issued.refreshToken()).statusCode();

        // WHEN
        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> both = pool.invokeAll(List.of(refresh, refresh));
            statuses = List.of(both.get(0).get(), both.get(1).get());
        }

        // THEN
        assertThat(statuses).containsExactlyInAnyOrder(200, 400);
        assertThat(server.refreshRequests()).isEqualTo(2);
    }

    @Test
    void delayTokenResponses_shouldHoldEachTokenRequest() {
        server.delayTokenResponses(Duration.ofMillis(400));
        long start = System.nanoTime();

        client.postBasic(Map.of("grant_type", "client_credentials"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void metadata_shouldNameTheseEndpoints() {
        HttpResponse<String> response = TokenEndpointClient.send(HttpRequest.newBuilder(
                URI.create(server.issuer() + "/.well-known/oauth-authorization-server")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).containsEntry("issuer", server.issuer())
                .containsEntry("token_endpoint", server.tokenUrl())
                .containsEntry("authorization_endpoint", server.authorizationUrl())
                .containsEntry("revocation_endpoint", server.revocationUrl());
    }

    @Test
    void revocationEndpoint_onRefreshToken_shouldEndTheGrant() {
        var issued = server.issue("frank", Set.of("read"));

        HttpResponse<String> revoked = TokenEndpointClient.send(HttpRequest.newBuilder(URI.create(server.revocationUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TokenEndpointClient.formEncode(Map.of(
                        "token", issued.refreshToken(), "token_type_hint", "refresh_token",
                        "client_id", server.clientId(), "client_secret", server.clientSecret()))))
                .build());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(client.refresh(issued.refreshToken())).get("error")).isEqualTo("invalid_grant");
        assertThat(server.tokenRequests()).as("revocation is not the token endpoint").isEqualTo(1);
    }
}
