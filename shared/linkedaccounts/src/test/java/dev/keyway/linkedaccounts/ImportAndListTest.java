package dev.keyway.linkedaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.audit.AuthEventTypes;
import dev.keyway.core.KeywayException;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Import, idempotency, listing and pagination against the real local endpoint. */
@ExtendWith(LocalAwsExtension.class)
class ImportAndListTest {
    private Services services;
    private String appId;
    private LocalAws aws;

    @BeforeEach
    void setUp(LocalAws localAws) {
        aws = localAws;
        services = new Services(aws, account -> CredentialVerifier.Verdict.NOT_SUPPORTED);
        appId = services.apps.createApp("Import test", true, "test").id();
        services.connectors.put(appId, "crm", """
                {"provider": "custom", "displayName": "CRM", "baseUrl": "http://127.0.0.1:9/api/{tenant}",
                 "connectionConfig": [{"name": "tenant", "label": "Tenant"}],
                 "authMethods": [
                   {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "connector-secret",
                    "authorizationUrl": "http://127.0.0.1:9/authorize", "tokenUrl": "http://127.0.0.1:9/token"},
                   {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Key"}},
                   {"id": "basic", "type": "BASIC"},
                   {"id": "cc", "type": "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl": "http://127.0.0.1:9/token"}]}
                """, "test");
    }

    static String oauth(String user, String ref, String access, String refresh) {
        return """
                {"connector": "crm", "authMethod": "oauth", "endUserId": "%s", "externalRef": "%s",
                 "connectionConfig": {"tenant": "acme"},
                 "credentials": {"accessToken": "%s", "refreshToken": "%s", "expiresIn": 3600, "scopes": "read write"}}
                """.formatted(user, ref, access, refresh);
    }

    @Test
    void import_createsThenUpdatesInPlace_keepingTheId() {
        var first = services.imports.importOne(appId, oauth("u-1", "legacy-1", "at-1", "rt-1"), "test");
        var second = services.imports.importOne(appId, oauth("u-1", "legacy-1", "at-2", "rt-2"), "test");

        assertThat(first.result()).isEqualTo(CredentialImportService.Outcome.created);
        assertThat(second.result()).isEqualTo(CredentialImportService.Outcome.updated);
        assertThat(second.linkedAccount().id()).isEqualTo(first.linkedAccount().id());
        var stored = services.accounts.findForApp(appId, first.linkedAccount().id()).orElseThrow();
        assertThat(services.accounts.credentials(stored)).isEqualTo(new Credentials.OAuth2("at-2", "rt-2"));
        assertThat(stored.account().version()).isEqualTo(2);
        assertThat(stored.account().scopes()).containsExactly("read", "write");
        assertThat(stored.account().expiresAt()).isAfter(java.time.Instant.now().plusSeconds(3500));
        assertThat(stored.account().connectionConfig()).containsEntry("tenant", "acme");
        assertThat(services.authLog.recent(appId, 10)).extracting(e -> e.type())
                .contains(AuthEventTypes.LINKED_ACCOUNT_IMPORTED, AuthEventTypes.LINKED_ACCOUNT_UPDATED);
    }

    @Test
    void aCiphertextCopiedIntoAnotherRow_withItsAppIdAndRecordId_doesNotDecryptThere() {
        // GIVEN two accounts; an attacker with write access to the table copies A's secrets onto B
        var victim = services.imports.importOne(appId, oauth("u-victim", "v-1", "victim-access-7f3a", "victim-refresh-7f3a"), "test");
        var thief = services.imports.importOne(appId, oauth("u-thief", "t-1", "thief-access", "thief-refresh"), "test");
        var table = aws.config().tableName();
        var victimItem = aws.dynamoDb().getItem(b -> b.tableName(table)
                .key(LinkedAccountRepository.key(victim.linkedAccount().id()))).item();
        aws.dynamoDb().updateItem(b -> b.tableName(table).key(LinkedAccountRepository.key(thief.linkedAccount().id()))
                .updateExpression("SET secrets = :s, appId = :a, recordId = :r, encKeyShard = :e")
                .expressionAttributeValues(java.util.Map.of(":s", victimItem.get("secrets"), ":a", victimItem.get("appId"),
                        ":r", victimItem.get("recordId"), ":e", victimItem.get("encKeyShard"))));

        // WHEN the thief's account is resolved, THEN the AAD (bound to the row's own key) refuses it
        var stored = services.accounts.findForApp(appId, thief.linkedAccount().id()).orElseThrow();
        assertThatThrownBy(() -> services.accounts.credentials(stored))
                .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("victim-access-7f3a"));
        // AND the victim's own row still decrypts
        var original = services.accounts.findForApp(appId, victim.linkedAccount().id()).orElseThrow();
        assertThat(services.accounts.credentials(original)).isEqualTo(new Credentials.OAuth2("victim-access-7f3a", "victim-refresh-7f3a"));
    }

    @Test
    void importWithoutExpiry_isStoredWithoutOne_andStillRefreshable() {
        var result = services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "oauth", "endUserId": "u-2", "connectionConfig": {"tenant": "acme"},
                 "credentials": {"accessToken": "at", "refreshToken": "rt"}}
                """, "test");
        assertThat(result.linkedAccount().expiresAt()).isNull();
        var stored = services.accounts.findForApp(appId, result.linkedAccount().id()).orElseThrow();
        assertThat(((Credentials.OAuth2) services.accounts.credentials(stored)).refreshToken()).isEqualTo("rt");
    }

    @Test
    void eachAuthMethodShape_isStoredAndResolved() {
        var key = services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "key", "endUserId": "u-3", "externalRef": "k", "connectionConfig": {"tenant": "t1"},
                 "credentials": {"apiKey": "k-123"}}""", "test");
        var basic = services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "basic", "endUserId": "u-3", "externalRef": "b", "connectionConfig": {"tenant": "t1"},
                 "credentials": {"username": "ann", "password": "pw"}}""", "test");
        var cc = services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "cc", "endUserId": "u-3", "externalRef": "c", "connectionConfig": {"tenant": "t1"},
                 "credentials": {"clientId": "cid", "clientSecret": "csec", "accessToken": "cc-at", "expiresIn": 3600}}""", "test");

        var resolvedKey = services.resolve.resolve(new ResolveService.Request(appId, key.linkedAccount().id(), null, null));
        assertThat(resolvedKey.apply().value()).isEqualTo("k-123");
        assertThat(resolvedKey.apply().name()).isEqualTo("X-Key");
        assertThat(resolvedKey.baseUrl()).isEqualTo("http://127.0.0.1:9/api/t1");
        var resolvedBasic = services.resolve.resolve(new ResolveService.Request(appId, basic.linkedAccount().id(), null, null));
        assertThat(resolvedBasic.apply().value()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("ann:pw".getBytes()));
        var resolvedCc = services.resolve.resolve(new ResolveService.Request(appId, cc.linkedAccount().id(), null, null));
        assertThat(resolvedCc.credentials()).containsEntry("clientId", "cid").containsEntry("clientSecret", "csec");
    }

    @Test
    void importWithoutExternalRef_isOneAccountPerEndUserAndConnector() {
        var first = services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "key", "endUserId": "u-9", "connectionConfig": {"tenant": "t1"},
                 "credentials": {"apiKey": "k-1"}}""", "test");
        var second = services.imports.importOne(appId, """
                {"connector": "crm", "authMethod": "basic", "endUserId": "u-9", "connectionConfig": {"tenant": "t1"},
                 "credentials": {"username": "ann", "password": "pw"}}""", "test");
        assertThat(second.linkedAccount().id()).isEqualTo(first.linkedAccount().id());
        assertThat(second.linkedAccount().authMethod()).isEqualTo("basic");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"connector\": \"nope\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"credentials\": {\"apiKey\": \"x\"}}|connector",
        "{\"connector\": \"crm\", \"authMethod\": \"nope\", \"endUserId\": \"u\", \"credentials\": {\"apiKey\": \"x\"}}|authMethod",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"credentials\": {\"apiKey\": \"x\"}, \"connectionConfig\": {\"tenant\": \"t\"}}|endUserId",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}}|credentials",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}, \"credentials\": {}}|credentials.apiKey",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}, \"credentials\": {\"apiKey\": 42}}|credentials.apiKey",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}, \"credentials\": {\"apiKey\": \"x\", \"extra\": 1}}|credentials.extra",
        "{\"connector\": \"crm\", \"authMethod\": \"oauth\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}, \"credentials\": {\"accessToken\": \"x\", \"expiresIn\": \"soon\"}}|credentials.expiresIn",
        "{\"connector\": \"crm\", \"authMethod\": \"oauth\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}, \"credentials\": {\"accessToken\": \"x\", \"expiresAt\": \"tomorrow\"}}|credentials.expiresAt",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"credentials\": {\"apiKey\": \"x\"}}|connectionConfig.tenant",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"evil.com/x\"}, \"credentials\": {\"apiKey\": \"x\"}}|connectionConfig.tenant",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\", \"other\": \"o\"}, \"credentials\": {\"apiKey\": \"x\"}}|connectionConfig.other",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}, \"credentials\": {\"apiKey\": \"x\"}, \"colour\": 1}|colour",
        "{\"connector\": \"crm\", \"authMethod\": \"key\", \"endUserId\": \"u\", \"connectionConfig\": {\"tenant\": \"t\"}, \"credentials\": {\"apiKey\": \"x\"}, \"verify\": \"yes\"}|verify",
        "[1, 2]|body",
        "{\"connector\": \"crm\",|body",
    })
    void badInput_is400NamingTheField_andStoresNothing(String body, String field) {
        long before = itemCount();
        assertThatThrownBy(() -> services.imports.importOne(appId, body, "test"))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(field);
                    assertThat(e.getMessage()).doesNotContain("\"x\"");
                });
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void batchOf1000_inTenCalls_listsBackOnceEach_andReimportDuplicatesNothing() {
        String batchApp = services.apps.createApp("Batch", true, "test").id();
        services.connectors.put(batchApp, "crm", """
                {"provider": "custom", "displayName": "CRM", "baseUrl": "http://127.0.0.1:9",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Key"}}]}
                """, "test");
        for (int round = 0; round < 2; round++) {
            for (int call = 0; call < 10; call++) {
                StringBuilder items = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    int n = call * 100 + i;
                    items.append(i == 0 ? "" : ",").append("""
                            {"connector": "crm", "authMethod": "key", "endUserId": "user-%04d", "externalRef": "ref-%04d",
                             "credentials": {"apiKey": "key-%04d-r%d"}}""".formatted(n, n, n, round));
                }
                var result = services.imports.importBatch(batchApp, "{\"items\": [" + items + "]}", "test");
                assertThat(result.rejected()).isZero();
                assertThat(round == 0 ? result.created() : result.updated()).isEqualTo(100);
            }
        }
        Set<String> users = new HashSet<>();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = services.linkedAccounts.list(batchApp, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.ofNullable(cursor), Optional.of("100"));
            page.data().forEach(a -> {
                users.add(a.endUserId());
                ids.add(a.id());
            });
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
        assertThat(users).hasSize(1000);
        assertThat(pages).isGreaterThanOrEqualTo(10);
    }

    @Test
    void batch_answersEachItemOnItsOwn() {
        var result = services.imports.importBatch(appId, """
                {"items": [
                  {"connector": "crm", "authMethod": "key", "endUserId": "b-1", "connectionConfig": {"tenant": "t"}, "credentials": {"apiKey": "ok-1"}},
                  {"connector": "crm", "authMethod": "key", "endUserId": "b-2", "connectionConfig": {"tenant": "t"}, "credentials": {}},
                  {"connector": "missing", "authMethod": "key", "endUserId": "b-3", "credentials": {"apiKey": "x"}}]}
                """, "test");
        assertThat(result.results()).extracting(r -> r.result()).containsExactly(
                CredentialImportService.Outcome.created, CredentialImportService.Outcome.rejected,
                CredentialImportService.Outcome.rejected);
        assertThat(result.results().get(1).error().message()).startsWith("items[1].credentials.apiKey");
        assertThat(result.results().get(2).error().message()).startsWith("items[2].connector");
        assertThat(services.linkedAccounts.list(appId, Optional.of("b-2"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).data()).isEmpty();
    }

    @Test
    void batch_refusesMoreThan100AndEmpty() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            items.append(i == 0 ? "" : ",").append("{}");
        }
        assertThatThrownBy(() -> services.imports.importBatch(appId, "{\"items\": [" + items + "]}", "test"))
                .hasMessageStartingWith("items:");
        assertThatThrownBy(() -> services.imports.importBatch(appId, "{\"items\": []}", "test"))
                .hasMessageStartingWith("items:");
    }

    @Test
    void list_filtersByEndUserConnectorAndStatus() {
        services.imports.importOne(appId, oauth("f-1", "a", "at", "rt"), "test");
        services.imports.importOne(appId, oauth("f-1", "b", "at", "rt"), "test");
        services.imports.importOne(appId, oauth("f-2", "c", "at", "rt"), "test");

        assertThat(services.linkedAccounts.list(appId, Optional.of("f-1"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).data()).hasSize(2).allMatch(a -> a.endUserId().equals("f-1"));
        assertThat(services.linkedAccounts.list(appId, Optional.of("f-1"), Optional.of("crm"), Optional.of("CONNECTED"),
                Optional.empty(), Optional.empty()).data()).hasSize(2);
        assertThat(services.linkedAccounts.list(appId, Optional.of("f-1"), Optional.empty(), Optional.of("NEEDS_REAUTH"),
                Optional.empty(), Optional.empty()).data()).isEmpty();
        assertThat(services.linkedAccounts.list(appId, Optional.empty(), Optional.of("crm"), Optional.empty(),
                Optional.empty(), Optional.empty()).data()).extracting(LinkedAccountView::endUserId).contains("f-1", "f-2");
        assertThatThrownBy(() -> services.linkedAccounts.list(appId, Optional.empty(), Optional.empty(),
                Optional.of("HAPPY"), Optional.empty(), Optional.empty())).hasMessageStartingWith("status");
    }

    @Test
    void endUserIdsWithHashes_doNotMatchEachOthersPrefix() {
        services.imports.importOne(appId, oauth("x#CONN#crm", "a", "at", "rt"), "test");
        services.imports.importOne(appId, oauth("x", "b", "at", "rt"), "test");
        assertThat(services.linkedAccounts.list(appId, Optional.of("x"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()).data()).extracting(LinkedAccountView::endUserId).containsExactly("x");
    }

    private long itemCount() {
        return aws.dynamoDb().scanPaginator(ScanRequest.builder().tableName(aws.config().tableName())
                .select("COUNT").build()).stream().mapToLong(page -> page.count()).sum();
    }
}
