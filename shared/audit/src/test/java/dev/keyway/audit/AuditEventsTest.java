package dev.keyway.audit;

import static dev.keyway.storage.Attrs.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.provisioning.Template;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The EventBridge schema of auth events: complete, allow-listed, documented. */
class AuditEventsTest {

    static List<String> allTypes() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (Field field : AuthEventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                types.add((String) field.get(null));
            }
        }
        return types;
    }

    @Test
    void everyEventType_hasItsOwnDetailType() throws Exception {
        List<String> types = allTypes();
        assertThat(types).isNotEmpty();
        for (String type : types) {
            assertThat(AuditEvents.detailTypes())
                    .as("AuthEventTypes has '%s': give it a detail-type in AuditEvents.DETAIL_TYPES and list both"
                            + " in docs/events.md", type)
                    .containsKey(type);
        }
        assertThat(new HashSet<>(AuditEvents.detailTypes().values())).as("detail-types are distinct")
                .hasSameSizeAs(AuditEvents.detailTypes().values());
        assertThat(AuditEvents.detailTypes().keySet()).as("no mapping for a type that does not exist")
                .containsExactlyInAnyOrderElementsOf(types);
    }

    @Test
    void anUnknownType_getsTheGenericDetailType() {
        assertThat(AuditEvents.detailType("linked_account.something_new")).isEqualTo("Auth Event");
    }

    @Test
    void detail_isBuiltFromTheAllowList_neverFromOtherAttributes() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("LOG#app_1"));
        item.put("sk", s("2026-11-25T10:07:31.512000000Z#evt_1"));
        item.put("kind", s("auth_event"));
        item.put("eventId", s("evt_1"));
        item.put("appId", s("app_1"));
        item.put("type", s(AuthEventTypes.LINKED_ACCOUNT_IMPORTED));
        item.put("occurredAt", s("2026-11-25T10:07:31.512Z"));
        item.put("linkedAccountId", s("la_1"));
        item.put("endUserId", s("u-1"));
        item.put("connector", s("acme-crm"));
        item.put("actor", s("key_1"));
        item.put("ttl", AttributeValue.fromN("1803377251"));
        item.put("details", AttributeValue.fromM(Map.of("authMethod", s("key"), "count", AttributeValue.fromN("3"))));
        item.put("secrets", AttributeValue.fromM(Map.of("apiKey", s("CANARY-secret"))));
        item.put("accessToken", s("CANARY-token"));

        AuthEvent event = AuditEvents.fromImage(item).orElseThrow();
        Map<String, Object> detail = AuditEvents.detail(event);

        assertThat(detail).containsOnlyKeys("eventId", "type", "appId", "occurredAt", "linkedAccountId", "endUserId",
                "connector", "actor", "details");
        assertThat(detail).containsEntry("eventId", "evt_1").containsEntry("occurredAt", "2026-11-25T10:07:31.512Z");
        assertThat(detail.get("details")).isEqualTo(Map.of("authMethod", "key"));
        assertThat(dev.keyway.core.Json.write(detail)).doesNotContain("CANARY").doesNotContain("secrets");
    }

    @Test
    void detail_leavesOutIdsTheEventDoesNotHave() {
        var event = new AuthEvent("evt_2", "app_1", AuthEventTypes.APP_CREATED, Instant.parse("2026-11-25T10:00:00Z"),
                null, null, null, "admin-cli", Map.of());
        assertThat(AuditEvents.detail(event)).containsOnlyKeys("eventId", "type", "appId", "occurredAt", "actor", "details");
    }

    @Test
    void otherKindsOfItems_areNotAuthEvents() {
        assertThat(AuditEvents.fromImage(Map.of("kind", s("connector"), "secrets", s("x")))).isEmpty();
        assertThat(AuditEvents.fromImage(Map.of())).isEmpty();
        assertThat(AuditEvents.fromImage(null)).isEmpty();
    }

    @Test
    void aStoredEntry_readsBackAsTheSameEvent() {
        var event = new AuthEvent("evt_3", "app_1", AuthEventTypes.CONNECTOR_SAVED, Instant.parse("2026-11-25T10:00:00.5Z"),
                "la_9", "u-9", "crm", "key_9", Map.of("a", "b"));
        var table = new dev.keyway.storage.KeywayTable(null, "t");
        var put = new AuthLog(table, java.time.Clock.systemUTC(), Duration.ofDays(1)).entry(event, Duration.ofDays(1));
        assertThat(AuditEvents.fromImage(put.put().item())).contains(event);
    }

    @Test
    void docsEventsMd_listsEveryTypeAndDetailType() throws Exception {
        Path docs = Template.locate().getParent().resolve("docs/events.md");
        String text = Files.readString(docs);
        for (var entry : AuditEvents.detailTypes().entrySet()) {
            assertThat(text).as("docs/events.md names type %s", entry.getKey()).contains("`" + entry.getKey() + "`");
            assertThat(text).as("docs/events.md names detail-type %s", entry.getValue()).contains("`" + entry.getValue() + "`");
        }
        assertThat(text).contains("`" + AuditEvents.FALLBACK_DETAIL_TYPE + "`");
    }
}
