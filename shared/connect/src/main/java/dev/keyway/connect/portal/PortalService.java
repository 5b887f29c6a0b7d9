package dev.keyway.connect.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyway.apps.AllowedOrigins;
import dev.keyway.apps.App;
import dev.keyway.apps.AppRepository;
import dev.keyway.connect.ConnectOptions;
import dev.keyway.connect.FlowFinish;
import dev.keyway.connect.PortalLinks;
import dev.keyway.connect.PortalResponse;
import dev.keyway.connect.session.ConnectSession;
import dev.keyway.connect.session.ConnectSessionRepository;
import dev.keyway.connect.session.SessionConnections;
import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.core.Json;
import dev.keyway.core.KeywayException;
import dev.keyway.linkedaccounts.ConnectionGrant;
import dev.keyway.portal.ConnectorTile;
import dev.keyway.portal.Form;
import dev.keyway.portal.FormField;
import dev.keyway.portal.MethodOption;
import dev.keyway.portal.PageContext;
import dev.keyway.portal.PortalPages;
import dev.keyway.portal.Result;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The hosted portal's pages and form posts: pick a connector, pick an auth method, fill in a
 * form (API key, basic, client credentials, or the values an OAuth provider's URLs need), and
 * finish. Works without JavaScript; every page is rendered from the session, never from input
 * echoed back except non-secret values the user typed.
 */
@Singleton
public final class PortalService {
    public static final int MAX_FORM_BYTES = 32 * 1024;

    private final ConnectSessionRepository sessions;
    private final AppRepository apps;
    private final ConnectOptions options;
    private final SessionConnections connections;
    private final Clock clock;

    @Inject
    public PortalService(ConnectSessionRepository sessions, AppRepository apps, ConnectOptions options,
                         SessionConnections connections, Clock clock) {
        this.sessions = sessions;
        this.apps = apps;
        this.options = options;
        this.connections = connections;
        this.clock = clock;
    }

    /**
     * A portal request's session, app and where its flow ends, once they checked out.
     *
     * @param framed the page loads in an iframe (the SDK's modal; {@code Sec-Fetch-Dest: iframe}), where
     *               providers refuse to show their sign-in pages: OAuth continues in a new window
     */
    public record Visit(ConnectSession session, App app, String token, PortalLinks.Carry carry, boolean framed) {
        public PageContext context() {
            return new PageContext(PortalLinks.ASSETS, app.name(), token);
        }

        public String origin() {
            return carry.origin();
        }

        /** The page a full-page flow returns to: the one this visit carries, else the session's returnUrl. */
        public FlowFinish.Target target() {
            return new FlowFinish.Target(carry.origin(), carry.returnTo() != null ? carry.returnTo() : session.returnUrl());
        }
    }

    /** The session behind a token and origin, or the page that says why there is none. */
    public sealed interface Entry {
        record Open(Visit visit) implements Entry { }
        record Refused(PortalResponse page) implements Entry { }
    }

    public Entry enter(Optional<String> token, Optional<String> origin, Optional<String> returnTo, boolean framed) {
        Optional<ConnectSession> session = token.flatMap(t -> sessions.findLive(t, clock.instant()));
        if (session.isEmpty()) {
            return new Entry.Refused(FlowFinish.page(null,
                    PortalPages.result(new PageContext(PortalLinks.ASSETS, null, null), new Result.Expired()), List.of()));
        }
        App app = apps.find(session.get().appId()).orElseThrow(() -> KeywayException.notFound("app is gone"));
        if (origin.isPresent() && !AllowedOrigins.allowsOrigin(app, origin.get())) {
            return new Entry.Refused(FlowFinish.page(app, PortalPages.result(new PageContext(PortalLinks.ASSETS, app.name(), null),
                    new Result.InvalidRequest("This page was opened from a site the app has not allowed ("
                            + "origin is not one of its allowed origins).")), List.of()));
        }
        if (returnTo.isPresent() && !AllowedOrigins.allowsUrl(app, returnTo.get())) {
            return new Entry.Refused(FlowFinish.page(app, PortalPages.result(new PageContext(PortalLinks.ASSETS, app.name(), null),
                    new Result.InvalidRequest("This page was asked to return to a site the app has not allowed.")), List.of()));
        }
        return new Entry.Open(new Visit(session.get(), app, token.get(),
                new PortalLinks.Carry(origin.orElse(null), returnTo.orElse(null)), framed));
    }

    /** {@code GET /connect}: the connectors the session allows; straight to the one when there is one. */
    public PortalResponse home(Visit visit) {
        List<ConnectOptions.Choice> choices = options.forSession(visit.session());
        if (choices.size() == 1) {
            return connector(visit, choices.get(0).connector().key(), Optional.empty());
        }
        List<ConnectorTile> tiles = choices.stream().map(c -> tile(visit, c)).toList();
        String heading = visit.session().reconnect() ? "Reconnect your account" : null;
        return FlowFinish.page(visit.app(), PortalPages.connectorList(visit.context(), tiles, heading), List.of());
    }

    /** {@code GET /connect/{connector}}: choose an auth method, or the chosen method's next step. */
    public PortalResponse connector(Visit visit, String connectorKey, Optional<String> methodId) {
        ConnectOptions.Choice choice = choice(visit, connectorKey);
        if (methodId.isEmpty() && choice.methods().size() > 1) {
            List<MethodOption> methods = choice.methods().stream().map(m -> new MethodOption(m.id(), m.type().name(),
                    m.label(), PortalLinks.connector(visit.token(), connectorKey, visit.carry(), m.id()))).toList();
            return FlowFinish.page(visit.app(), PortalPages.methodChoice(visit.context(), tile(visit, choice), methods,
                    homeLink(visit)), List.of());
        }
        ConnectOptions.Method method = methodId.isEmpty() ? choice.methods().get(0)
                : choice.method(methodId.get()).orElseThrow(() -> KeywayException.invalid("method: not an auth method of this connector"));
        // A popup (the flow has an origin) stops on its way to the provider for portal.js's heartbeat.
        if (method.type() == AuthType.OAUTH2 && method.fields().isEmpty() && visit.origin() == null) {
            return FlowFinish.redirect(PortalLinks.oauthStart(visit.token(), connectorKey, visit.carry(), method.id()));
        }
        return form(visit, choice, method, Map.of(), Map.of(), null, 200);
    }

    /** {@code POST /connect/{connector}}: API key, basic or client credentials from the form. */
    public PortalResponse submit(Visit visit, String connectorKey, Map<String, String> fields) {
        ConnectOptions.Choice choice = choice(visit, connectorKey);
        ConnectOptions.Method method = Optional.ofNullable(fields.get("method")).flatMap(choice::method)
                .filter(m -> m.type() != AuthType.OAUTH2)
                .orElseThrow(() -> KeywayException.invalid("method: not a form auth method of this connector"));
        Map<String, String> errors = PortalForms.check(method, fields);
        if (!errors.isEmpty()) {
            return form(visit, choice, method, fields, errors, "Check the highlighted fields.", 400);
        }
        ObjectNode credentials = Json.mapper().createObjectNode();
        method.fields().stream().filter(f -> !f.config())
                .filter(f -> fields.get(f.name()) != null && !fields.get(f.name()).isBlank())
                .forEach(f -> credentials.put(f.name(), fields.get(f.name())));
        try {
            var grant = new ConnectionGrant(connectorKey, method.id(), visit.session().endUserId(), credentials,
                    PortalForms.config(method, fields), method.verifiable(), visit.session().linkedAccountId(), "portal");
            String linkedAccountId = connections.connect(visit.app().id(), visit.session().id(), grant);
            return FlowFinish.connected(visit.app(), visit.context(), visit.target(), connectorKey, choice.displayName(),
                    linkedAccountId);
        } catch (KeywayException e) {
            if (e.status() >= 500 && !"verification_unavailable".equals(e.code())) {
                throw e;
            }
            return form(visit, choice, method, fields, Map.of(), PortalForms.explain(e, choice.displayName()), e.status());
        }
    }

    /** The OAuth start's user-typed values (a shop, a domain): the form again, with errors, when they are wrong. */
    public Optional<PortalResponse> checkOAuthInputs(Visit visit, ConnectOptions.Choice choice, ConnectOptions.Method method,
                                                     Map<String, String> values) {
        Map<String, String> errors = PortalForms.check(method, values);
        return errors.isEmpty() ? Optional.empty()
                : Optional.of(form(visit, choice, method, values, errors, "Check the highlighted fields.", 400));
    }

    public Map<String, String> configValues(ConnectOptions.Method method, Map<String, String> values) {
        return PortalForms.config(method, values);
    }

    private PortalResponse form(Visit visit, ConnectOptions.Choice choice, ConnectOptions.Method method,
                                Map<String, String> values, Map<String, String> errors, String formError, int status) {
        boolean oauth = method.type() == AuthType.OAUTH2;
        List<FormField> fields = new ArrayList<>();
        for (ConnectOptions.Field f : method.fields()) {
            String name = PortalForms.inputName(f);
            // Secrets are never written back into a page; other values are, so a typo is easy to fix.
            String value = f.secret() ? null : Optional.ofNullable(values.get(name)).orElse(f.defaultValue());
            fields.add(new FormField(name, f.label(), f.help(), PortalForms.inputType(f),
                    PortalForms.htmlPattern(f.pattern()), f.example(), f.required(), value, errors.get(name)));
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("method", method.id());
        hidden.putAll(PortalLinks.hidden(visit.carry()));
        String action = oauth ? "/connect/" + PortalForms.encode(choice.connector().key()) + "/oauth"
                : PortalLinks.form(choice.connector().key());
        String note = method.verifiable() ? "Keyway checks these with " + choice.displayName() + " before saving them." : null;
        Form.Next next = Form.Next.SUBMIT;
        if (oauth && visit.framed()) {
            note = choice.displayName() + " opens in a new window.";
            next = Form.Next.NEW_WINDOW;
        } else if (oauth && fields.isEmpty() && formError == null) {
            next = Form.Next.AUTO;
        }
        Form form = new Form(action, oauth ? "get" : "post", hidden, fields,
                oauth ? "Continue to " + choice.displayName() : "Connect", formError, note, next);
        List<String> formActions = oauth ? PortalForms.authorizationOrigins(choice, method) : List.of();
        String back = choice.methods().size() > 1
                ? PortalLinks.connector(visit.token(), choice.connector().key(), visit.carry(), null) : homeLink(visit);
        return FlowFinish.page(visit.app(), PortalPages.form(visit.context(), tile(visit, choice), form, status, back),
                formActions);
    }

    /** The connector list, when there is one to go back to (with one connector, /connect goes straight on). */
    private String homeLink(Visit visit) {
        return options.forSession(visit.session()).size() > 1 ? PortalLinks.home(visit.token(), visit.carry()) : null;
    }

    private ConnectOptions.Choice choice(Visit visit, String connectorKey) {
        return options.find(visit.session(), connectorKey)
                .orElseThrow(() -> KeywayException.notFound("this connect session does not offer that connector"));
    }

    private static ConnectorTile tile(Visit visit, ConnectOptions.Choice c) {
        return new ConnectorTile(c.connector().key(), c.displayName(), c.color(), c.description(),
                PortalLinks.connector(visit.token(), c.connector().key(), visit.carry(), null));
    }
}
