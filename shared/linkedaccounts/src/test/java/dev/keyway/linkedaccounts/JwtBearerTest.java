package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.audit.AuthEvent;
import dev.keyway.core.KeywayException;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.oauth.RotatingAuthorizationServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JWT_BEARER (RFC 7523) against two real authorization servers, not ours: mock-oauth2-server, which
 * supports the jwt-bearer grant (section 2.1) but does not check the assertion's signature, and
 * Spring Authorization Server, whose {@code private_key_jwt} client authentication (section 2.2)
 * checks every assertion against the public keys it fetches — so a wrong key is really refused.
 */
@ExtendWith(LocalAwsExtension.class)
class JwtBearerTest {
    private static HttpServer jwks;
    private static final AtomicReference<String> publishedKeys = new AtomicReference<>();
    private static RotatingAuthorizationServer keyServer;
    private static final KeyPair serviceKey = rsa();
    private static final KeyPair otherKey = rsa();

    private final MockOAuth2Server grantServer = new MockOAuth2Server();
    private final MutableClock clock = new MutableClock(Instant.now());
    private Services services;
    private String appId;

    @BeforeAll
    static void startServers() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            byte[] body = publishedKeys.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        keyServer = RotatingAuthorizationServer.start(new RotatingAuthorizationServer.Settings(Duration.ofMinutes(10),
                Duration.ofDays(1)), "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stopServers() {
        jwks.stop(0);
        keyServer.close();
    }

    @AfterEach
    void stopGrantServer() {
        grantServer.shutdown();
    }

    @BeforeEach
    void setUp(LocalAws aws) {
        grantServer.start();
        publish(serviceKey);
        services = new Services(aws, account -> CredentialVerifier.Verdict.NOT_SUPPORTED, clock);
        appId = services.apps.createApp("JWT bearer test", true, "test").id();
        services.connectors.put(appId, "warehouse", """
                {"provider": "custom", "displayName": "Warehouse", "baseUrl": "%s",
                 "authMethods": [{"id": "sa", "type": "JWT_BEARER", "tokenUrl": "%s", "scopes": ["api.read"]}]}
                """.formatted(grantServer.baseUrl(), grantServer.tokenEndpointUrl("warehouse")), "test");
        services.connectors.put(appId, "ledger", ledgerConnector(keyServer), "test");
    }

    private static String ledgerConnector(RotatingAuthorizationServer server) {
        return """
                {"provider": "custom", "displayName": "Ledger", "baseUrl": "%s",
                 "authMethods": [{"id": "sa", "type": "JWT_BEARER", "tokenUrl": "%s", "scopes": ["read"],
                   "tokenEndpointAuth": "private_key_jwt"}]}
                """.formatted(server.issuer(), server.tokenUrl());
    }

    @Test
    void grant_obtainsATokenAtImport_andTheRefresherObtainsANewOneBeforeExpiry() throws Exception {
        var imported = services.imports.importOne(appId, """
                {"connector": "warehouse", "authMethod": "sa", "endUserId": "ana",
                 "credentials": {"privateKey": "%s", "issuer": "svc@warehouse.example", "subject": "ana@example.com",
                                 "keyId": "k1"}}""".formatted(json(pem(serviceKey))), "test").linkedAccount();

        // The server received a jwt-bearer grant whose assertion our key signed, for its token endpoint.
        String body = grantServer.takeRequest().getBody().readUtf8();
        Map<String, String> form = form(body);
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) serviceKey.getPublic()))).isTrue();
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("svc@warehouse.example");
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("ana@example.com");
        assertThat(assertion.getJWTClaimsSet().getAudience())
                .containsExactly(grantServer.tokenEndpointUrl("warehouse").toString());
        assertThat(assertion.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("api.read");

        // The access token it issued is for the assertion's subject; resolve hands it out, never the key.
        var resolved = services.resolve.resolve(new ResolveService.Request(appId, imported.id(), null, null));
        String first = resolved.credentials().get("accessToken");
        assertThat(SignedJWT.parse(first).getJWTClaimsSet().getSubject()).isEqualTo("ana@example.com");
        assertThat(resolved.apply().value()).isEqualTo("Bearer " + first);
        assertThat(resolved.credentials()).doesNotContainKey("privateKey");
        assertThat(resolved.toString() + resolved.credentials().toString()).doesNotContain("PRIVATE KEY");

        // Due before expiry; the scheduled run re-exchanges a fresh assertion for a new token.
        LinkedAccount stored = services.accounts.find(imported.id()).orElseThrow().account();
        assertThat(stored.nextDueAt()).isBefore(stored.expiresAt());
        clock.set(stored.nextDueAt().plusSeconds(1));
        var run = services.scheduled.run(Duration.ofSeconds(20));
        assertThat(run.refreshed()).isGreaterThanOrEqualTo(1);
        String second = services.resolve.resolve(new ResolveService.Request(appId, imported.id(), null, null))
                .credentials().get("accessToken");
        assertThat(second).isNotEqualTo(first);
        SignedJWT again = SignedJWT.parse(form(grantServer.takeRequest().getBody().readUtf8()).get("assertion"));
        assertThat(again.getJWTClaimsSet().getJWTID()).isNotEqualTo(assertion.getJWTClaimsSet().getJWTID());
        LinkedAccount after = services.accounts.find(imported.id()).orElseThrow().account();
        assertThat(after.expiresAt()).isAfter(stored.expiresAt());
        assertThat(after.status()).isEqualTo(LinkedAccountStatus.CONNECTED);
        assertThat(events(imported.id())).contains("linked_account.imported", "linked_account.refreshed");
    }

    @Test
    void privateKeyJwt_rightKeyGetsATokenFromSpringAuthorizationServer_wrongKeyIsRefusedAndStoresNothing() {
        var imported = services.imports.importOne(appId, ledger("bo", serviceKey), "test").linkedAccount();
        assertThat(services.resolve.resolve(new ResolveService.Request(appId, imported.id(), null, null))
                .credentials().get("accessToken")).isNotBlank();

        assertThatThrownBy(() -> services.imports.importOne(appId, ledger("cy", otherKey), "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("credentials_rejected");
                    assertThat(e.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(otherKey.getPrivate().getEncoded()).substring(0, 40));
                });
        assertThat(services.linkedAccounts.list(appId, java.util.Optional.of("cy"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()).data()).isEmpty();
    }

    @Test
    void aKeyTheServerNoLongerAccepts_makesTheAccountNeedReauth() {
        var imported = services.imports.importOne(appId, ledger("dee", serviceKey), "test").linkedAccount();
        // The key is replaced at the provider. The running server caches the key set it fetched, as a
        // real one does for a while, so a fresh server (same client, same key-set URL) plays "later".
        publish(otherKey);
        try (var later = RotatingAuthorizationServer.start(new RotatingAuthorizationServer.Settings(Duration.ofMinutes(10),
                Duration.ofDays(1)), "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")) {
            services.connectors.put(appId, "ledger", ledgerConnector(later), "test");

            var outcome = services.refresher.refresh(imported.id(), TokenRefresher.Trigger.FORCED);

            assertThat(outcome).isInstanceOfSatisfying(TokenRefresher.Outcome.Failed.class,
                    f -> assertThat(f.grantRejected()).isTrue());
            LinkedAccount account = services.accounts.find(imported.id()).orElseThrow().account();
            assertThat(account.status()).isEqualTo(LinkedAccountStatus.NEEDS_REAUTH);
            assertThat(account.statusReason()).isEqualTo("invalid_client");
            assertThat(events(imported.id())).contains("linked_account.needs_reauth");
        }
    }

    @Test
    void unusableKeys_areRefusedBeforeAnyTokenRequest() {
        assertThatThrownBy(() -> services.imports.importOne(appId, """
                {"connector": "warehouse", "authMethod": "sa", "endUserId": "eve",
                 "credentials": {"privateKey": "-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----",
                                 "issuer": "svc"}}""", "test"))
                .hasMessageStartingWith("credentials.privateKey: not a usable private key: expected a PKCS#8 PEM");
        assertThatThrownBy(() -> services.imports.importOne(appId, """
                {"connector": "warehouse", "authMethod": "sa", "endUserId": "eve",
                 "credentials": {"privateKey": "%s"}}""".formatted(json(pem(serviceKey))), "test"))
                .hasMessage("credentials.issuer: required (or give serviceAccountKey)");
    }

    @Test
    void aGoogleServiceAccountKeyFile_isReadAsIs() throws Exception {
        String file = """
                {"type": "service_account", "project_id": "p", "private_key_id": "kid-7",
                 "private_key": "%s", "client_email": "robot@p.iam.gserviceaccount.com"}""".formatted(json(pem(serviceKey)));
        services.imports.importOne(appId, """
                {"connector": "warehouse", "authMethod": "sa", "endUserId": "gus",
                 "credentials": {"serviceAccountKey": %s}}""".formatted(file), "test");
        SignedJWT assertion = SignedJWT.parse(form(grantServer.takeRequest().getBody().readUtf8()).get("assertion"));
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("robot@p.iam.gserviceaccount.com");
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("kid-7");
    }

    private static String ledger(String user, KeyPair key) {
        return """
                {"connector": "ledger", "authMethod": "sa", "endUserId": "%s",
                 "credentials": {"privateKey": "%s", "issuer": "%s", "keyId": "k1"}}"""
                .formatted(user, json(pem(key)), RotatingAuthorizationServer.KEY_CLIENT_ID);
    }

    private List<String> events(String id) {
        return services.authLog.recent(appId, 100).stream().filter(e -> id.equals(e.linkedAccountId()))
                .map(AuthEvent::type).toList();
    }

    private static void publish(KeyPair key) {
        publishedKeys.set(new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic()).keyID("k1").build()).toString());
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String json(String text) {
        return text.replace("\n", "\\n");
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
