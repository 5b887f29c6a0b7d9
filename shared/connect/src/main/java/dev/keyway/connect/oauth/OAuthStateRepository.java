package dev.keyway.connect.oauth;

import static dev.keyway.storage.Attrs.s;

import dev.keyway.core.Hashes;
import dev.keyway.storage.Attrs;
import dev.keyway.storage.EncryptedSecrets;
import dev.keyway.storage.KeywayTable;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * OAuth states under {@code OS#<sha256(state)>}. Taking one is a conditional delete, so a state
 * works once even when two callbacks race; DynamoDB's TTL clears the ones never used.
 */
@Singleton
public final class OAuthStateRepository {
    private static final String VERIFIER = "codeVerifier";
    private static final String SESSION_TOKEN = "sessionToken";

    /** What the callback's state turned out to be. Only {@link Taken} may lead to a token request. */
    public sealed interface Outcome {
        record Taken(OAuthState state) implements Outcome { }
        /** Unknown or already used (a replay). */
        record Unknown() implements Outcome { }
        record Expired(OAuthState state) implements Outcome { }
        /** The browser that came back is not the one that started the flow (binding cookie missing or different). */
        record ForeignBrowser(OAuthState state) implements Outcome { }
    }

    private final KeywayTable table;
    private final EncryptedSecrets secrets;

    @Inject
    public OAuthStateRepository(KeywayTable table, EncryptedSecrets secrets) {
        this.table = table;
        this.secrets = secrets;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Attrs.key("OS#" + id, "OS");
    }

    public void save(OAuthState state) {
        Map<String, AttributeValue> item = new HashMap<>(key(state.id()));
        Map<String, String> plaintexts = new HashMap<>();
        plaintexts.put(SESSION_TOKEN, state.sessionToken());
        if (state.codeVerifier() != null) {
            plaintexts.put(VERIFIER, state.codeVerifier());
        }
        item.putAll(secrets.encrypt(key(state.id()), state.appId(), plaintexts));
        item.put("kind", s("oauth_state"));
        item.put("sessionId", s(state.sessionId()));
        item.put("connector", s(state.connector()));
        item.put("authMethod", s(state.authMethod()));
        item.put("endUserId", s(state.endUserId()));
        putIfSet(item, "reconnectLinkedAccountId", state.reconnectLinkedAccountId());
        item.put("browserBinding", s(state.browserBinding()));
        item.put("redirectUri", s(state.redirectUri()));
        item.put("scopes", AttributeValue.fromL(state.scopes().stream().map(Attrs::s).toList()));
        item.put("connectionConfig", AttributeValue.fromM(state.connectionConfig().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        putIfSet(item, "finishOrigin", state.finishOrigin());
        putIfSet(item, "returnUrl", state.returnUrl());
        item.put("expiresAt", Attrs.time(state.expiresAt()));
        item.put("ttl", Attrs.n(state.expiresAt().getEpochSecond()));
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build());
    }

    /**
     * Takes the state named by the callback's {@code state} value if it is live and was started
     * by this browser ({@code bindingCookie}); a foreign browser does not burn it.
     */
    public Outcome take(String stateValue, Optional<String> bindingCookie, Instant now) {
        String id = Hashes.sha256Hex(stateValue);
        var item = table.client().getItem(GetItemRequest.builder().tableName(table.name()).key(key(id))
                .consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return new Outcome.Unknown();
        }
        OAuthState state = toState(id, item, Map.of());
        if (!state.expiresAt().isAfter(now)) {
            return new Outcome.Expired(state);
        }
        if (bindingCookie.isEmpty() || !constantTimeEquals(state.browserBinding(), Hashes.sha256Hex(bindingCookie.get()))) {
            return new Outcome.ForeignBrowser(state);
        }
        try {
            var deleted = table.client().deleteItem(DeleteItemRequest.builder().tableName(table.name()).key(key(id))
                    .conditionExpression("attribute_exists(pk)").returnValues("ALL_OLD").build());
            Map<String, AttributeValue> old = deleted.attributes() == null || deleted.attributes().isEmpty()
                    ? item : deleted.attributes();
            return new Outcome.Taken(toState(id, old, secrets.decrypt(old)));
        } catch (ConditionalCheckFailedException racedAndLost) {
            return new Outcome.Unknown();
        }
    }

    /** {@code plaintexts}: the decrypted secrets, or empty when the state is not being taken. */
    private static OAuthState toState(String id, Map<String, AttributeValue> item, Map<String, String> plaintexts) {
        List<String> scopes = item.containsKey("scopes") ? item.get("scopes").l().stream().map(AttributeValue::s).toList() : List.of();
        Map<String, String> config = new LinkedHashMap<>();
        if (item.containsKey("connectionConfig")) {
            item.get("connectionConfig").m().forEach((k, v) -> config.put(k, v.s()));
        }
        return new OAuthState(id, Attrs.str(item, EncryptedSecrets.APP_ID), Attrs.str(item, "sessionId"),
                Attrs.str(item, "connector"), Attrs.str(item, "authMethod"), Attrs.str(item, "endUserId"),
                Attrs.optStr(item, "reconnectLinkedAccountId").orElse(null), plaintexts.get(VERIFIER),
                plaintexts.get(SESSION_TOKEN), Attrs.str(item, "browserBinding"),
                Attrs.str(item, "redirectUri"), scopes, config, Attrs.optStr(item, "finishOrigin").orElse(null),
                Attrs.optStr(item, "returnUrl").orElse(null), Attrs.instant(item, "expiresAt"));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
