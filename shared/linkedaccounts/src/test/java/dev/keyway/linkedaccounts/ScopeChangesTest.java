package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A connector asking for more scopes sends the accounts that lack them back to their end users. */
@ExtendWith(LocalAwsExtension.class)
class ScopeChangesTest {

    private static String connector(String scopes) {
        return """
                {"provider": "custom", "displayName": "Docs", "baseUrl": "https://docs.example",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "s",
                   "authorizationUrl": "https://docs.example/authorize", "tokenUrl": "https://docs.example/token",
                   "scopes": %s}]}""".formatted(scopes);
    }

    private static String account(String user, String scopes) {
        return """
                {"connector": "docs", "authMethod": "oauth", "endUserId": "%s",
                 "credentials": {"accessToken": "a-%s", "refreshToken": "r-%s", "expiresIn": 3600, "scopes": "%s"}}
                """.formatted(user, user, user, scopes);
    }

    @Test
    void newScopes_markOnlyTheAccountsWithoutThem(LocalAws aws) {
        var services = new Services(aws, a -> CredentialVerifier.Verdict.NOT_SUPPORTED, Clock.systemUTC());
        String appId = services.apps.createApp("Scopes", true, "test").id();
        services.connectors.put(appId, "docs", connector("[\"read\"]"), "test");
        String narrow = services.imports.importOne(appId, account("u-narrow", "read"), "test").linkedAccount().id();
        String wide = services.imports.importOne(appId, account("u-wide", "read write"), "test").linkedAccount().id();

        var unchanged = services.connectors.put(appId, "docs", connector("[\"read\"]"), "test");
        assertThat(unchanged.addedScopes()).isEmpty();
        var widened = services.connectors.put(appId, "docs", connector("[\"read\", \"write\"]"), "test");
        int marked = new ScopeChanges(services.table, services.authLog, Clock.systemUTC())
                .apply(appId, "docs", widened.addedScopes(), "test");

        assertThat(widened.addedScopes()).containsEntry("oauth", java.util.List.of("write"));
        assertThat(marked).isEqualTo(1);
        LinkedAccount n = services.accounts.find(narrow).orElseThrow().account();
        assertThat(n.status()).isEqualTo(LinkedAccountStatus.NEEDS_REAUTH);
        assertThat(n.statusReason()).isEqualTo("scopes_changed");
        assertThat(n.nextDueAt()).isNull();
        assertThat(services.accounts.find(wide).orElseThrow().account().status()).isEqualTo(LinkedAccountStatus.CONNECTED);
        assertThat(services.authLog.recent(appId, 20)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("linked_account.needs_reauth");
            assertThat(e.linkedAccountId()).isEqualTo(narrow);
        });
    }
}
