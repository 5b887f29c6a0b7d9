package dev.keyway.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.KeywayException;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Apps and secret keys against the real local DynamoDB endpoint. */
@ExtendWith(LocalAwsExtension.class)
class AppKeysTest {
    private KeywayTable table;
    private AppAdminService admin;
    private AppKeyAuthenticator authenticator;
    private AuthLog authLog;

    @BeforeEach
    void setUp(LocalAws aws) {
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var apps = new AppRepository(table);
        authLog = new AuthLog(table, Clock.systemUTC());
        admin = new AppAdminService(table, apps, authLog, Clock.systemUTC());
        authenticator = new AppKeyAuthenticator(apps);
    }

    @Test
    void createKey_givesALiveKeyWith256BitsThatAuthenticatesToItsApp() {
        var app = admin.createApp("Acme", false, "test");
        var key = admin.createKey(app.id(), "test");

        assertThat(key.secretKey()).matches("sk_live_[a-z2-7]{52}");
        var outcome = authenticator.authenticate(Optional.of("Bearer " + key.secretKey()));
        assertThat(outcome.authenticated()).isTrue();
        assertThat(outcome.appId()).isEqualTo(app.id());
        assertThat(outcome.keyId()).isEqualTo(key.keyId());
    }

    @Test
    void localModeApp_getsTestKeys() {
        var app = admin.createApp("Demo", true, "test");
        assertThat(admin.createKey(app.id(), "test").secretKey()).startsWith("sk_test_");
    }

    @Test
    void keyIsStoredOnlyAsAHash() {
        var app = admin.createApp("Hashed", false, "test");
        var key = admin.createKey(app.id(), "test");

        String everything = table.client().scan(ScanRequest.builder().tableName(table.name()).build())
                .items().toString();
        assertThat(everything).doesNotContain(key.secretKey())
                .doesNotContain(key.secretKey().substring("sk_live_".length()))
                .contains(SecretKeys.hash(key.secretKey()));
    }

    @Test
    void authenticate_namesEachFailure() {
        var app = admin.createApp("Failures", false, "test");
        var key = admin.createKey(app.id(), "test");
        String unknown = SecretKeys.generate(false);

        assertThat(authenticator.authenticate(Optional.empty()).failure()).isEqualTo(AppKeyAuthenticator.Failure.MISSING);
        assertThat(authenticator.authenticate(Optional.of(" ")).failure()).isEqualTo(AppKeyAuthenticator.Failure.MISSING);
        assertThat(authenticator.authenticate(Optional.of(key.secretKey())).failure())
                .as("no Bearer scheme").isEqualTo(AppKeyAuthenticator.Failure.MALFORMED);
        assertThat(authenticator.authenticate(Optional.of("Bearer sk_live_short")).failure())
                .isEqualTo(AppKeyAuthenticator.Failure.MALFORMED);
        assertThat(authenticator.authenticate(Optional.of("Basic dXNlcjpwYXNz")).failure())
                .isEqualTo(AppKeyAuthenticator.Failure.MALFORMED);
        assertThat(authenticator.authenticate(Optional.of("Bearer " + unknown)).failure())
                .isEqualTo(AppKeyAuthenticator.Failure.UNKNOWN);
        assertThat(authenticator.authenticate(Optional.of("bearer " + key.secretKey())).authenticated())
                .as("the scheme is case-insensitive").isTrue();
    }

    @Test
    void revokedKey_stopsAuthenticatingAtOnce_andOtherKeysKeepWorking() {
        var app = admin.createApp("Revoke", false, "test");
        var revoked = admin.createKey(app.id(), "test");
        var kept = admin.createKey(app.id(), "test");

        admin.revokeKey(app.id(), revoked.keyId(), "test");

        assertThat(authenticator.authenticate(Optional.of("Bearer " + revoked.secretKey())).failure())
                .isEqualTo(AppKeyAuthenticator.Failure.REVOKED);
        assertThat(authenticator.authenticate(Optional.of("Bearer " + kept.secretKey())).authenticated()).isTrue();
        assertThat(admin.keys(app.id())).extracting(AppKey::keyId, AppKey::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(revoked.keyId(), AppKey.Status.REVOKED),
                        org.assertj.core.groups.Tuple.tuple(kept.keyId(), AppKey.Status.ACTIVE));
    }

    @Test
    void revokingTwice_isAConflict_andAnotherAppsKeyCannotBeRevoked() {
        var app = admin.createApp("Twice", false, "test");
        var other = admin.createApp("Other", false, "test");
        var key = admin.createKey(app.id(), "test");
        admin.revokeKey(app.id(), key.keyId(), "test");

        assertThatThrownBy(() -> admin.revokeKey(app.id(), key.keyId(), "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(409));
        var otherKey = admin.createKey(other.id(), "test");
        assertThatThrownBy(() -> admin.revokeKey(app.id(), otherKey.keyId(), "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(authenticator.authenticate(Optional.of("Bearer " + otherKey.secretKey())).authenticated()).isTrue();
    }

    @Test
    void createKey_forUnknownApp_isNotFoundAndWritesNothing() {
        assertThatThrownBy(() -> admin.createKey("app_doesnotexist", "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(authLog.recent("app_doesnotexist", 10)).isEmpty();
    }

    @Test
    void everyChange_isInTheAuthLog_newestFirst() {
        var app = admin.createApp("Logged", false, "test");
        var key = admin.createKey(app.id(), "cli");
        admin.revokeKey(app.id(), key.keyId(), "cli");

        assertThat(authLog.recent(app.id(), 10)).extracting(e -> e.type())
                .containsExactly(AuthEventTypes.APP_KEY_REVOKED, AuthEventTypes.APP_KEY_CREATED, AuthEventTypes.APP_CREATED);
        assertThat(authLog.recent(app.id(), 10).get(0).details()).containsEntry("keyId", key.keyId());
    }

    @Test
    void issuedKey_toStringHidesTheSecret() {
        var app = admin.createApp("Printed", false, "test");
        var key = admin.createKey(app.id(), "test");
        assertThat(key.toString()).doesNotContain(key.secretKey()).contains(key.keyId());
    }
}
