package dev.keyway.connect.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.apps.App;
import dev.keyway.apps.AppRepository;
import dev.keyway.connect.ConnectOptions;
import dev.keyway.connect.session.ConnectSession;
import dev.keyway.connect.session.ConnectSessionRepository;
import dev.keyway.connect.session.SessionConnections;
import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import dev.keyway.linkedaccounts.ConnectionGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The portal's JSON side, for the JS SDK and React component ("build your own"): what the session
 * offers and how its last flow ended ({@code GET /v1/connect/session}), and API-key / basic /
 * client-credentials submission ({@code POST /v1/connect/credentials}). Authorised by the connect
 * session token, never an app key; answers only ids, labels and statuses, never a credential.
 */
@Singleton
public final class SessionApi {
    public static final int MAX_BODY = 32 * 1024;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(AppView app, String expiresAt, boolean reconnect, List<ConnectorView> connectors,
                              ResultView result, ActivityView activity) {
    }

    /**
     * Whether a flow is under way where the app's page may not see it (a popup cut off by COOP):
     * seconds since a portal page's last heartbeat (null: none yet), and whether an OAuth flow is at
     * the provider. Ages, not times, so the browser's clock does not matter.
     */
    public record ActivityView(Long portalSeenSecondsAgo, boolean atProvider, boolean cutOff) {
    }

    public record AppView(String name) {
    }

    public record ConnectorView(String key, String displayName, String color, String description,
                                List<MethodView> authMethods) {
    }

    public record MethodView(String id, String type, String label, boolean verifiable, List<ConnectOptions.Field> fields) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResultView(String status, String linkedAccountId, String connector, String error, String at) {
    }

    public record Connected(String linkedAccountId, String connector) {
    }

    record SubmitRequest(String connector, String authMethod, Map<String, String> fields,
                         Map<String, String> connectionConfig) {
        @Override
        public String toString() {
            return "SubmitRequest[" + connector + "/" + authMethod + "]";
        }
    }

    private final ConnectSessionRepository sessions;
    private final AppRepository apps;
    private final ConnectOptions options;
    private final SessionConnections connections;
    private final Clock clock;

    @Inject
    public SessionApi(ConnectSessionRepository sessions, AppRepository apps, ConnectOptions options,
                      SessionConnections connections, Clock clock) {
        this.sessions = sessions;
        this.apps = apps;
        this.options = options;
        this.connections = connections;
        this.clock = clock;
    }

    /** The session and its app, or 401 session_expired. */
    public record Authorised(ConnectSession session, App app) {
    }

    public Authorised authorise(Optional<String> authorization) {
        String token = authorization.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip()).orElse(null);
        ConnectSession session = Optional.ofNullable(token).flatMap(t -> sessions.findLive(t, clock.instant()))
                .orElseThrow(() -> KeywayException.unauthorized("session_expired",
                        "the connect session is unknown or has expired; ask the app's backend for a new one"));
        App app = apps.find(session.appId()).orElseThrow(() -> KeywayException.unauthorized("session_expired",
                "the connect session's app no longer exists"));
        return new Authorised(session, app);
    }

    public SessionView describe(Authorised auth) {
        ConnectSession s = auth.session();
        List<ConnectorView> connectors = options.forSession(s).stream().map(c -> new ConnectorView(c.connector().key(),
                c.displayName(), c.color(), c.description(), c.methods().stream().map(m -> new MethodView(m.id(),
                        m.type().name(), m.label(), m.verifiable(), m.fields())).toList())).toList();
        ResultView result = s.result() == null ? null : new ResultView(s.result().status(), s.result().linkedAccountId(),
                s.result().connector(), s.result().error(), s.result().at() == null ? null : s.result().at().toString());
        Instant now = clock.instant();
        Long seen = s.activity().portalSeenAt() == null ? null
                : Math.max(0, Duration.between(s.activity().portalSeenAt(), now).toSeconds());
        return new SessionView(new AppView(auth.app().name()), s.expiresAt().toString(), s.reconnect(), connectors, result,
                new ActivityView(seen, s.activity().atProvider(now), s.activity().cutOff()));
    }

    /**
     * {@code POST /v1/connect/session/activity}: a portal page's heartbeat (same origin, no CORS),
     * optionally {@code {"cutOff": true}} from a popup that found no opener.
     */
    public void heartbeat(Authorised auth, String body) {
        boolean cutOff;
        try {
            cutOff = body != null && !body.isBlank() && Json.mapper().readTree(body).path("cutOff").asBoolean(false);
        } catch (JacksonException e) {
            throw KeywayException.invalid("body: expected {\"cutOff\": true|false} or nothing");
        }
        sessions.portalSeen(auth.session().id(), clock.instant(), cutOff);
    }

    public Connected submit(Authorised auth, String body) {
        SubmitRequest request = read(body);
        ConnectSession s = auth.session();
        ConnectOptions.Choice choice = Optional.ofNullable(request.connector()).flatMap(k -> options.find(s, k))
                .orElseThrow(() -> KeywayException.invalid("connector: not offered by this connect session"));
        ConnectOptions.Method method = Optional.ofNullable(request.authMethod()).flatMap(choice::method)
                .filter(m -> m.type() != AuthType.OAUTH2)
                .orElseThrow(() -> KeywayException.invalid("authMethod: not a form auth method of this connector"
                        + " (OAuth2 methods run in the hosted flow)"));
        Map<String, String> fields = request.fields() == null ? Map.of() : request.fields();
        Map<String, String> config = request.connectionConfig() == null ? Map.of() : request.connectionConfig();
        ObjectNode credentials = Json.mapper().createObjectNode();
        Map<String, String> connectionConfig = new LinkedHashMap<>();
        for (ConnectOptions.Field f : method.fields()) {
            String value = f.config() ? config.getOrDefault(f.name(), f.defaultValue()) : fields.get(f.name());
            if (value == null || value.isBlank()) {
                if (!f.required()) {
                    continue;
                }
                throw KeywayException.invalid((f.config() ? "connectionConfig." : "fields.") + f.name() + ": required");
            }
            if (f.config()) {
                connectionConfig.put(f.name(), value.strip());
            } else {
                credentials.put(f.name(), value);
            }
        }
        var grant = new ConnectionGrant(choice.connector().key(), method.id(), s.endUserId(), credentials,
                connectionConfig, method.verifiable(), s.linkedAccountId(), "sdk");
        return new Connected(connections.connect(auth.app().id(), s.id(), grant), choice.connector().key());
    }

    private static SubmitRequest read(String body) {
        try {
            SubmitRequest request = Json.mapper().readValue(body, SubmitRequest.class);
            if (request == null) {
                throw KeywayException.invalid("body: expected a JSON object");
            }
            return request;
        } catch (UnrecognizedPropertyException e) {
            throw KeywayException.invalid(e.getPropertyName() + ": unknown field");
        } catch (JacksonException e) {
            // Never Jackson's message: it may quote what was typed.
            throw KeywayException.invalid("body: expected {\"connector\", \"authMethod\", \"fields\": {…}, \"connectionConfig\"?: {…}}");
        }
    }
}
