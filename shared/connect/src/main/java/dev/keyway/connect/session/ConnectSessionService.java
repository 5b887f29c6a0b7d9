package dev.keyway.connect.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.keyway.apps.AllowedOrigins;
import dev.keyway.apps.App;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthEventTypes;
import dev.keyway.audit.AuthLog;
import dev.keyway.connectors.ConnectorCache;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayConfig;
import dev.keyway.core.KeywayException;
import dev.keyway.linkedaccounts.LinkedAccount;
import dev.keyway.linkedaccounts.LinkedAccountRepository;
import dev.keyway.linkedaccounts.StoredAccount;
import dev.keyway.storage.KeywayTable;
import dev.keyway.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/** {@code POST /v1/connect-sessions}: the app's backend mints a session for one end user. */
@Singleton
public final class ConnectSessionService {
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int MAX_END_USER_ID = 256;
    static final int MAX_CONNECTORS = 50;

    /** The request body; unknown fields are refused so a typo is not silently ignored. */
    record CreateRequest(String endUserId, List<String> allowedConnectors, String linkedAccountId, String returnUrl) {
    }

    /** What the app's backend passes to its frontend. The token is shown here once and never stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String token, String connectUrl, String expiresAt, String linkedAccountId) {
        @Override
        public String toString() {
            return "Created[expiresAt=" + expiresAt + "]";
        }
    }

    private final KeywayTable table;
    private final ConnectSessionRepository sessions;
    private final AppRepository apps;
    private final ConnectorCache connectors;
    private final LinkedAccountRepository accounts;
    private final AuthLog authLog;
    private final Clock clock;

    @Inject
    public ConnectSessionService(KeywayTable table, ConnectSessionRepository sessions, AppRepository apps,
                                 ConnectorCache connectors, LinkedAccountRepository accounts, AuthLog authLog,
                                 Clock clock) {
        this.table = table;
        this.sessions = sessions;
        this.apps = apps;
        this.connectors = connectors;
        this.accounts = accounts;
        this.authLog = authLog;
        this.clock = clock;
    }

    public Created create(String appId, String body, String actor) {
        return create(appId, body, actor, null);
    }

    /**
     * A session minted by the MCP server {@code mcpServerId} for an inline link (never settable through
     * the API's body): the connection it leads to is also recorded as {@code mcp.connected_from_link}.
     */
    public Created create(String appId, String body, String actor, String mcpServerId) {
        CreateRequest request = read(body);
        App app = apps.find(appId).orElseThrow(() -> KeywayException.notFound("no app " + appId));
        String endUserId = endUserId(request.endUserId());
        List<String> allowed = allowedConnectors(appId, request.allowedConnectors());
        if (request.linkedAccountId() != null) {
            LinkedAccount account = reconnectTarget(appId, request.linkedAccountId(), endUserId);
            if (!allowed.isEmpty() && !allowed.equals(List.of(account.connector()))) {
                throw KeywayException.invalid("allowedConnectors: a reconnect session is for the linked account's own"
                        + " connector '" + account.connector() + "' only");
            }
            allowed = List.of(account.connector());
        }
        String returnUrl = request.returnUrl();
        if (returnUrl != null && !AllowedOrigins.allowsUrl(app, returnUrl)) {
            throw KeywayException.invalid("returnUrl: must be an absolute https URL on one of the app's allowed"
                    + " origins (app settings: allowedOrigins)");
        }
        Instant now = clock.instant();
        String token = SessionTokens.generate();
        ConnectSession session = new ConnectSession(SessionTokens.hash(token), appId, endUserId, allowed,
                request.linkedAccountId(), returnUrl, now, now.plus(LIFETIME), null, null, mcpServerId);
        var event = authLog.event(appId, AuthEventTypes.CONNECT_SESSION_CREATED).actor(actor)
                .linkedAccount(request.linkedAccountId(), endUserId)
                .detail("reconnect", Boolean.toString(session.reconnect()))
                .detail("allowedConnectors", String.join(" ", allowed))
                .build();
        Transactions.write(table, List.of(sessions.create(session), authLog.entry(event)));
        return new Created(token, KeywayConfig.publicBaseUrl() + "/connect?session=" + token,
                session.expiresAt().toString(), request.linkedAccountId());
    }

    private static CreateRequest read(String body) {
        try {
            CreateRequest request = Json.mapper().readValue(body, CreateRequest.class);
            if (request == null) {
                throw KeywayException.invalid("body: expected a JSON object");
            }
            return request;
        } catch (UnrecognizedPropertyException e) {
            throw KeywayException.invalid(e.getPropertyName() + ": unknown field");
        } catch (JacksonException e) {
            throw KeywayException.invalid("body: expected {\"endUserId\": …, \"allowedConnectors\"?: […],"
                    + " \"linkedAccountId\"?: …, \"returnUrl\"?: …}");
        }
    }

    private static String endUserId(String endUserId) {
        if (endUserId == null || endUserId.isBlank() || endUserId.length() > MAX_END_USER_ID) {
            throw KeywayException.invalid("endUserId: required, 1 to " + MAX_END_USER_ID + " characters");
        }
        return endUserId;
    }

    private List<String> allowedConnectors(String appId, List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.isEmpty() || requested.size() > MAX_CONNECTORS) {
            throw KeywayException.invalid("allowedConnectors: 1 to " + MAX_CONNECTORS + " connector keys, or leave it out for all");
        }
        for (int i = 0; i < requested.size(); i++) {
            String key = requested.get(i);
            if (key == null || key.length() > 64 || connectors.find(appId, key).isEmpty()) {
                throw KeywayException.invalid("allowedConnectors[" + i + "]: no such connector in this app");
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private LinkedAccount reconnectTarget(String appId, String linkedAccountId, String endUserId) {
        LinkedAccount account = accounts.findForApp(appId, linkedAccountId).map(StoredAccount::account)
                .orElseThrow(() -> KeywayException.invalid("linkedAccountId: no such linked account in this app"));
        if (!account.endUserId().equals(endUserId)) {
            throw KeywayException.invalid("linkedAccountId: belongs to another end user than endUserId");
        }
        return account;
    }
}
