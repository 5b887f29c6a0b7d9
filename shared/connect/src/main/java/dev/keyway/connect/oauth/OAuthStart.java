package dev.keyway.connect.oauth;

import dev.keyway.connect.ConnectOptions;
import dev.keyway.connect.FlowFinish;
import dev.keyway.connect.PortalLinks;
import dev.keyway.connect.PortalResponse;
import dev.keyway.connect.portal.PortalService;
import dev.keyway.connect.session.ConnectSessionRepository;
import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.core.Hashes;
import dev.keyway.core.KeywayConfig;
import dev.keyway.core.KeywayException;
import dev.keyway.linkedaccounts.Placeholders;
import dev.keyway.oauth.AuthorizationUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code GET /connect/{connector}/oauth}: starts the authorization-code flow. Stores the state
 * (with the PKCE verifier, the browser binding and how to finish) and sends the browser to the
 * provider with the exact redirect URI {@code <public base URL>/oauth/callback}.
 */
@Singleton
public final class OAuthStart {
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final ConnectOptions options;
    private final ProviderCatalog catalog;
    private final OAuthStateRepository states;
    private final ConnectSessionRepository sessions;
    private final PortalService portal;
    private final Clock clock;

    @Inject
    public OAuthStart(ConnectOptions options, ProviderCatalog catalog, OAuthStateRepository states,
                      ConnectSessionRepository sessions, PortalService portal, Clock clock) {
        this.options = options;
        this.catalog = catalog;
        this.states = states;
        this.sessions = sessions;
        this.portal = portal;
        this.clock = clock;
    }

    /** The one redirect URI every provider is registered with. */
    public static String redirectUri() {
        return KeywayConfig.publicBaseUrl() + PortalLinks.CALLBACK_PATH;
    }

    public PortalResponse start(PortalService.Visit visit, String connectorKey, Map<String, String> query,
                                Optional<String> bindingCookie) {
        ConnectOptions.Choice choice = options.find(visit.session(), connectorKey)
                .orElseThrow(() -> KeywayException.notFound("this connect session does not offer that connector"));
        ConnectOptions.Method method = Optional.ofNullable(query.get("method")).flatMap(choice::method)
                .or(() -> choice.methods().stream().filter(m -> m.type() == AuthType.OAUTH2).findFirst())
                .filter(m -> m.type() == AuthType.OAUTH2)
                .orElseThrow(() -> KeywayException.invalid("method: not an OAuth2 auth method of this connector"));
        Optional<PortalResponse> formAgain = portal.checkOAuthInputs(visit, choice, method, query);
        if (formAgain.isPresent()) {
            return formAgain.get();
        }
        Map<String, String> config = portal.configValues(method, query);
        AuthMethodDefinition definition = choice.connector().authMethod(method.id()).orElseThrow();
        OAuth2Settings settings = choice.connector().oauth2(method.id(), catalog)
                .orElseThrow(() -> KeywayException.invalid("method: has no OAuth settings"));

        String state = AuthorizationUrls.newState();
        String verifier = settings.pkce() ? AuthorizationUrls.newCodeVerifier() : null;
        String binding = BrowserBinding.reuseOrCreate(bindingCookie);
        Instant expiresAt = clock.instant().plus(STATE_LIFETIME);
        states.save(new OAuthState(Hashes.sha256Hex(state), visit.app().id(), visit.session().id(), connectorKey,
                method.id(), visit.session().endUserId(), visit.session().linkedAccountId(), verifier, visit.token(),
                Hashes.sha256Hex(binding), redirectUri(), definition.scopes(), config, visit.origin(),
                visit.target().returnUrl(), expiresAt));
        // An SDK whose popup handle was cut off (COOP) keeps waiting while the user is at the provider.
        sessions.atProvider(visit.session().id(), expiresAt);

        URI authorize = AuthorizationUrls.build(new AuthorizationUrls.Request(
                URI.create(Placeholders.fill(settings.authorizationUrl(), config)), definition.clientId(),
                URI.create(redirectUri()), definition.scopes(), settings.scopeParam(), settings.scopeSeparator(), state,
                verifier, settings.authorizationParams()));
        PortalResponse redirect = FlowFinish.redirect(authorize.toString());
        return new PortalResponse(redirect.status(), redirect.headers(), "", List.of(BrowserBinding.setCookie(binding)),
                redirect.location());
    }
}
