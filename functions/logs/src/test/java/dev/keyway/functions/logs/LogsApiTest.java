package dev.keyway.functions.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.audit.AuthEvent;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.core.Ids;
import dev.keyway.core.Json;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/logs} through the handler Lambda runs, against real DynamoDB. */
@ExtendWith(LocalAwsExtension.class)
class LogsApiTest {
    private static LogsHandler handler;
    private static KeywayTable table;
    private static AuthLog authLog;

    @BeforeAll
    static void setUp(LocalAws aws) {
        handler = new LogsHandler();
        table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        authLog = new AuthLog(table, Clock.systemUTC());
    }

    static APIGatewayV2HTTPResponse list(String appId, Map<String, String> query) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /v1/logs")
                .withQueryStringParameters(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("test")
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(Map.of("appId", appId, "keyId", "key_test")).build())
                        .build())
                .build(), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.mapper().readTree(response.getBody());
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(entry -> ids.add(entry.get("id").asText()));
        return ids;
    }

    /** Writes one entry as services do: in a transaction, occurred at {@code at}, kept for {@code retention}. */
    static AuthEvent write(String appId, String type, Instant at, String linkedAccountId, String endUserId,
                           Duration retention) {
        var event = new AuthEvent(Ids.newId("evt"), appId, type, at, linkedAccountId, endUserId,
                linkedAccountId == null ? null : "acme-crm", "key_test",
                linkedAccountId == null ? Map.of() : Map.of("authMethod", "key"));
        Transactions.write(table, List.of(authLog.entry(event, retention)));
        return event;
    }

    static AuthEvent write(String appId, String type, Instant at, String linkedAccountId, String endUserId) {
        return write(appId, type, at, linkedAccountId, endUserId, Duration.ofDays(90));
    }

    /** Follows nextCursor to the end; returns every id in order and checks each page's size. */
    static List<String> all(String appId, Map<String, String> filters, int limit) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(filters);
            query.put("limit", Integer.toString(limit));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            var response = list(appId, query);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            JsonNode page = json(response);
            assertThat(page.has("nextCursor")).as("nextCursor is always present").isTrue();
            assertThat(page.get("data").size()).isLessThanOrEqualTo(limit);
            ids.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            assertThat(++pages).as("pagination ends").isLessThan(100);
        } while (cursor != null);
        return ids;
    }

    @ParameterizedTest
    @Event(value = "events/logs-list.json", type = APIGatewayV2HTTPEvent.class)
    void sampleEvent_listsTheAppsImports(APIGatewayV2HTTPEvent event) throws Exception {
        String appId = Ids.newId("app");
        var imported = write(appId, AuthEventTypes.LINKED_ACCOUNT_IMPORTED, Instant.now(), "la_s1", "u-1");
        write(appId, AuthEventTypes.CONNECTOR_SAVED, Instant.now(), null, null);
        event.getRequestContext().getAuthorizer().setLambda(Map.of("appId", appId, "keyId", "key_sample"));

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(ids(json(response))).containsExactly(imported.id());
        assertThat(response.getHeaders()).containsEntry("cache-control", "no-store");
    }

    @Test
    void entries_comeNewestFirst_withEveryField() throws Exception {
        String appId = Ids.newId("app");
        Instant now = Instant.now();
        var older = write(appId, AuthEventTypes.CONNECTOR_SAVED, now.minusSeconds(60), null, null);
        var newer = write(appId, AuthEventTypes.LINKED_ACCOUNT_IMPORTED, now.minusSeconds(1), "la_x1", "u-1");

        JsonNode page = json(list(appId, null));

        assertThat(ids(page)).containsExactly(newer.id(), older.id());
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode entry = page.get("data").get(0);
        assertThat(Json.mapper().convertValue(entry, Map.class)).containsOnlyKeys(
                "id", "type", "occurredAt", "linkedAccountId", "endUserId", "connector", "actor", "details");
        assertThat(entry.get("type").asText()).isEqualTo("linked_account.imported");
        assertThat(entry.get("occurredAt").asText()).isEqualTo(newer.occurredAt().toString());
        assertThat(entry.get("linkedAccountId").asText()).isEqualTo("la_x1");
        assertThat(entry.get("endUserId").asText()).isEqualTo("u-1");
        assertThat(entry.get("connector").asText()).isEqualTo("acme-crm");
        assertThat(entry.get("actor").asText()).isEqualTo("key_test");
        assertThat(entry.get("details").get("authMethod").asText()).isEqualTo("key");
        JsonNode appEvent = page.get("data").get(1);
        assertThat(appEvent.has("linkedAccountId")).as("absent ids are left out").isFalse();
        assertThat(appEvent.get("details").isObject()).isTrue();
    }

    @Test
    void filters_byLinkedAccount_endUser_type_andSince() throws Exception {
        String appId = Ids.newId("app");
        Instant t = Instant.now().minusSeconds(600);
        var a1 = write(appId, AuthEventTypes.LINKED_ACCOUNT_IMPORTED, t, "la_a", "u-1");
        var b1 = write(appId, AuthEventTypes.LINKED_ACCOUNT_IMPORTED, t.plusSeconds(1), "la_b", "u-2");
        var a2 = write(appId, AuthEventTypes.LINKED_ACCOUNT_UPDATED, t.plusSeconds(2), "la_a", "u-1");
        var c1 = write(appId, AuthEventTypes.CONNECTOR_SAVED, t.plusSeconds(3), null, null);
        var a3 = write(appId, AuthEventTypes.LINKED_ACCOUNT_DELETED, t.plusSeconds(4), "la_a", "u-1");

        assertThat(all(appId, Map.of(), 50)).containsExactly(a3.id(), c1.id(), a2.id(), b1.id(), a1.id());
        assertThat(all(appId, Map.of("linkedAccountId", "la_a"), 50)).containsExactly(a3.id(), a2.id(), a1.id());
        assertThat(all(appId, Map.of("endUserId", "u-2"), 50)).containsExactly(b1.id());
        assertThat(all(appId, Map.of("type", "linked_account.imported"), 50)).containsExactly(b1.id(), a1.id());
        assertThat(all(appId, Map.of("since", t.plusSeconds(2).toString()), 50))
                .as("since is inclusive").containsExactly(a3.id(), c1.id(), a2.id());
        assertThat(all(appId, Map.of("since", "2030-01-01T00:00:00+02:00"), 50)).isEmpty();
        assertThat(all(appId, Map.of("linkedAccountId", "la_a", "type", "linked_account.updated",
                "since", t.toString(), "endUserId", "u-1"), 50)).containsExactly(a2.id());
        assertThat(all(appId, Map.of("type", "linked_account.never_happened"), 50)).isEmpty();
    }

    @Test
    void pagination_givesEveryEntryOnce_inOrder_perAppAndPerLinkedAccount() throws Exception {
        String appId = Ids.newId("app");
        Instant t = Instant.now().minusSeconds(3600);
        List<String> expected = new ArrayList<>();
        List<String> expectedForAccount = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String account = i % 2 == 0 ? "la_even" : "la_odd";
            var event = write(appId, AuthEventTypes.LINKED_ACCOUNT_UPDATED, t.plusMillis(i), account, "u-1");
            expected.add(0, event.id());
            if (account.equals("la_even")) {
                expectedForAccount.add(0, event.id());
            }
        }
        assertThat(all(appId, Map.of(), 10)).containsExactlyElementsOf(expected);
        assertThat(all(appId, Map.of(), 25)).containsExactlyElementsOf(expected);
        assertThat(all(appId, Map.of(), 1)).containsExactlyElementsOf(expected);
        assertThat(all(appId, Map.of("linkedAccountId", "la_even"), 4)).containsExactlyElementsOf(expectedForAccount);
        assertThat(all(appId, Map.of("endUserId", "u-1"), 7)).containsExactlyElementsOf(expected);

        JsonNode lastFullPage = json(list(appId, Map.of("limit", "25")));
        assertThat(lastFullPage.get("nextCursor").isNull())
                .as("a page that ends exactly at the last entry says so").isTrue();
    }

    @Test
    void anotherAppsLinkedAccount_yieldsAnEmptyList_andItsCursorsAreRefused() throws Exception {
        String appA = Ids.newId("app");
        String appB = Ids.newId("app");
        String account = Ids.newId("la");
        for (int i = 0; i < 3; i++) {
            write(appA, AuthEventTypes.LINKED_ACCOUNT_UPDATED, Instant.now().minusSeconds(10 - i), account, "u-1");
        }
        write(appB, AuthEventTypes.CONNECTOR_SAVED, Instant.now(), null, null);

        JsonNode asB = json(list(appB, Map.of("linkedAccountId", account)));
        assertThat(asB.get("data")).isEmpty();
        assertThat(asB.get("nextCursor").isNull()).as("not even a hint that entries exist").isTrue();
        assertThat(all(appB, Map.of(), 50)).hasSize(1);

        String cursorOfA = json(list(appA, Map.of("linkedAccountId", account, "limit", "1"))).get("nextCursor").asText();
        var replayedByB = list(appB, Map.of("linkedAccountId", account, "cursor", cursorOfA));
        assertThat(replayedByB.getStatusCode()).isEqualTo(400);
        assertThat(json(replayedByB).at("/error/message").asText()).startsWith("cursor:");

        String appCursorOfA = json(list(appA, Map.of("limit", "1"))).get("nextCursor").asText();
        assertThat(list(appB, Map.of("cursor", appCursorOfA)).getStatusCode()).isEqualTo(400);
        assertThat(list(appA, Map.of("cursor", appCursorOfA)).getStatusCode()).isEqualTo(200);
        assertThat(list(appA, Map.of("linkedAccountId", account, "cursor", appCursorOfA)).getStatusCode())
                .as("a per-app cursor is not a per-account one").isEqualTo(400);
    }

    @Test
    void expiredEntries_areNeverReturned_evenBeforeTtlDeletesThem() throws Exception {
        String appId = Ids.newId("app");
        Instant now = Instant.now();
        var expired = write(appId, AuthEventTypes.LINKED_ACCOUNT_IMPORTED, now.minus(Duration.ofDays(2)), "la_e", "u-1",
                Duration.ofDays(1));
        var live = write(appId, AuthEventTypes.LINKED_ACCOUNT_UPDATED, now.minusSeconds(5), "la_e", "u-1");

        assertThat(all(appId, Map.of(), 10)).containsExactly(live.id()).doesNotContain(expired.id());
        assertThat(all(appId, Map.of("linkedAccountId", "la_e"), 10)).containsExactly(live.id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "since|yesterday|since:",
            "since|2026-11-25T10:00:00|since:",
            "since|2026-13-01T00:00:00Z|since:",
            "limit|0|limit:",
            "limit|101|limit:",
            "limit|ten|limit:",
            "limit|-1|limit:",
            "type|Linked_Account.Imported|type:",
            "type|a b|type:",
            "linkedAccountId|la_1/../x|linkedAccountId:",
            "cursor|not-a-cursor!|cursor:",
            "cursor|eyJwayI6IkxPRyNhcHBfb3RoZXIiLCJzayI6IngifQ|cursor:",
            "cursor|bnVsbA|cursor:"})
    void badParameters_are400_namingTheParameter(String name, String value, String prefix) throws Exception {
        var response = list(Ids.newId("app"), Map.of(name, value));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(json(response).at("/error/message").asText()).startsWith(prefix);
    }

    @Test
    void forgedCursors_inTheCallersOwnPartition_are400_not500() throws Exception {
        String appId = Ids.newId("app");
        write(appId, AuthEventTypes.CONNECTOR_SAVED, Instant.now(), null, null);
        for (String forged : List.of(
                "{\"pk\":\"LOG#" + appId + "\"}",
                "{\"pk\":\"LOG#" + appId + "\",\"sk\":\"x\",\"ttl\":\"1\"}",
                "{\"pk\":\"LOG#" + appId + "\",\"sk\":7}",
                "{\"pk\":\"LOG#" + appId + "\",\"sk\":\"x\",\"gsi1pk\":\"LOGLA#la_1\",\"gsi1sk\":\"x\"}")) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
            var response = list(appId, Map.of("cursor", cursor));
            assertThat(response.getStatusCode()).as(forged + " -> " + response.getBody()).isEqualTo(400);
        }
        String foreignAccount = "{\"pk\":\"LOG#app_other\",\"sk\":\"x\",\"gsi1pk\":\"LOGLA#la_1\",\"gsi1sk\":\"x\"}";
        var response = list(appId, Map.of("linkedAccountId", "la_1", "cursor",
                Base64.getUrlEncoder().withoutPadding().encodeToString(foreignAccount.getBytes(StandardCharsets.UTF_8))));
        assertThat(response.getStatusCode()).isEqualTo(400);
    }

    @Test
    void aCursorOlderThanSince_endsTheList() throws Exception {
        String appId = Ids.newId("app");
        Instant t = Instant.now().minusSeconds(100);
        write(appId, AuthEventTypes.CONNECTOR_SAVED, t, null, null);
        write(appId, AuthEventTypes.CONNECTOR_SAVED, t.plusSeconds(1), null, null);
        String cursor = json(list(appId, Map.of("limit", "1"))).get("nextCursor").asText();

        var response = list(appId, Map.of("cursor", cursor, "since", t.plusSeconds(50).toString()));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(json(response).get("data")).isEmpty();
        assertThat(json(response).get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aMissingAppId_is401() throws Exception {
        var response = handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/logs")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("t").build())
                .build(), null);
        assertThat(response.getStatusCode()).isEqualTo(401);
    }

    @Test
    void handlerRoutes_areTheTemplatesRoute() {
        assertThat(handler.routeKeys()).containsExactly("GET /v1/logs");
    }
}
