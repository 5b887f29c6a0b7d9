package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.connectors.ConnectorRepository;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import dev.keyway.crypto.CredentialCipher;
import dev.keyway.crypto.KeySetMasterKeyProvider;
import dev.keyway.crypto.SecretsManagerKeySetSource;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Delete revokes at a real authorization server (mock-oauth2-server, RFC 7009); a failed revocation is retried. */
@ExtendWith(LocalAwsExtension.class)
class DeleteAndRevocationTest {
    private final MockOAuth2Server server = new MockOAuth2Server();
    private Services services;
    private LocalAws aws;
    private String appId;

    @BeforeEach
    void setUp(LocalAws localAws) {
        aws = localAws;
        server.start();
        services = new Services(aws, account -> CredentialVerifier.Verdict.NOT_SUPPORTED);
        appId = services.apps.createApp("Revocation test", true, "test").id();
    }

    @AfterEach
    void tearDown() {
        server.shutdown();
    }

    private void connector(String revocationUrl) {
        services.connectors.put(appId, "idp", """
                {"provider": "custom", "displayName": "IdP", "baseUrl": "%s",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "keyway-client", "clientSecret": "client-secret-1",
                   "authorizationUrl": "%s", "tokenUrl": "%s", "revocationUrl": "%s"}]}
                """.formatted(server.baseUrl(), server.authorizationEndpointUrl("default"),
                server.tokenEndpointUrl("default"), revocationUrl), "test");
    }

    private String importAccount(String refreshToken) {
        return services.imports.importOne(appId, """
                {"connector": "idp", "authMethod": "oauth", "endUserId": "u-1", "externalRef": "%s",
                 "credentials": {"accessToken": "at-%s", "refreshToken": "%s", "expiresIn": 600}}
                """.formatted(refreshToken, refreshToken, refreshToken), "test").linkedAccount().id();
    }

    private static String form(RecordedRequest request, String name) {
        for (String pair : request.getBody().readUtf8().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void delete_revokesTheRefreshTokenAtTheProvider_thenRemovesTheAccount() throws Exception {
        connector(server.revocationEndpointUrl("default").toString());
        String refresh = "rt-" + UUID.randomUUID();
        String id = importAccount(refresh);

        services.linkedAccounts.delete(appId, id, "test");

        RecordedRequest revoke = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(revoke).isNotNull();
        assertThat(revoke.getPath()).isEqualTo("/default/revoke");
        assertThat(revoke.getHeader("Authorization")).startsWith("Basic ");
        assertThat(form(revoke, "token")).isEqualTo(refresh);
        assertThatThrownBy(() -> services.linkedAccounts.get(appId, id))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(services.authLog.recent(appId, 5)).extracting(e -> e.type())
                .contains(AuthEventTypes.LINKED_ACCOUNT_DELETED, AuthEventTypes.LINKED_ACCOUNT_REVOKED);
        assertThat(services.imports.importOne(appId, """
                {"connector": "idp", "authMethod": "oauth", "endUserId": "u-1", "externalRef": "%s",
                 "credentials": {"accessToken": "again"}}""".formatted(refresh), "test").result())
                .as("the import reference went with the account").isEqualTo(CredentialImportService.Outcome.created);
    }

    @Test
    void failedRevocation_doesNotBlockTheDelete_keepsTheTokenEncrypted_andIsRetriedUntilItWorks() {
        connector("http://127.0.0.1:1/revoke");
        String refresh = "rt-" + UUID.randomUUID();
        String id = importAccount(refresh);

        services.linkedAccounts.delete(appId, id, "test");

        assertThatThrownBy(() -> services.linkedAccounts.get(appId, id)).isInstanceOf(KeywayException.class);
        assertThat(services.authLog.recent(appId, 5)).extracting(e -> e.type())
                .contains(AuthEventTypes.LINKED_ACCOUNT_DELETED, AuthEventTypes.LINKED_ACCOUNT_REVOCATION_FAILED);
        String table = aws.dynamoDb().scanPaginator(ScanRequest.builder().tableName(aws.config().tableName()).build())
                .items().stream().map(Object::toString).reduce("", String::concat);
        assertThat(table).contains("REVOKE#" + id).doesNotContain(refresh);

        // WHEN the retry runs before the backoff is over, nothing is due
        assertThat(retries(Clock.systemUTC()).retryDue().attempted()).isZero();

        // AND once the provider answers again and the backoff passed, the retry revokes and forgets the token
        connector(server.revocationEndpointUrl("default").toString());
        var run = retries(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10))).retryDue();
        assertThat(run.revoked()).isGreaterThanOrEqualTo(1);
        assertThat(services.authLog.recent(appId, 5)).extracting(e -> e.type())
                .contains(AuthEventTypes.LINKED_ACCOUNT_REVOKED);
        assertThat(aws.dynamoDb().getItem(r -> r.tableName(aws.config().tableName())
                .key(PendingRevocations.key(id))).item()).isEmpty();
    }

    @Test
    void retry_backsOffExponentially() {
        assertThat(PendingRevocations.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(PendingRevocations.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(PendingRevocations.backoff(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(PendingRevocations.backoff(20)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void deletingAnotherAppsAccount_isNotFound_andKeepsIt() {
        connector(server.revocationEndpointUrl("default").toString());
        String id = importAccount("rt-" + UUID.randomUUID());
        String otherApp = services.apps.createApp("Other", true, "test").id();

        assertThatThrownBy(() -> services.linkedAccounts.delete(otherApp, id, "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(services.linkedAccounts.get(appId, id).id()).isEqualTo(id);
    }

    private RevocationRetryService retries(Clock clock) {
        var cipher = new CredentialCipher(new KeySetMasterKeyProvider(
                new SecretsManagerKeySetSource(aws.secretsManager(), aws.config().keySetSecretId())));
        var secrets = new EncryptedSecrets(cipher);
        var revocations = new Revocations(new ConnectorRepository(services.table, secrets), ProviderCatalog.shipped(),
                new TokenRevoker());
        return new RevocationRetryService(services.table, new PendingRevocations(services.table, secrets), revocations,
                services.authLog, clock);
    }
}
