package dev.keyway.testing.oauth;

import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * A real OAuth 2.0 authorization server (Spring Authorization Server, in this JVM, on 127.0.0.1 and a
 * random port) whose refresh tokens rotate: every refresh answers a new refresh token, and an old one
 * presented again gets {@code 400 invalid_grant} — what a refresh test needs and mock-oauth2-server
 * does not do.
 *
 * <p>One confidential client is registered ({@link #clientId()}, {@link #clientSecret()}), accepted by
 * {@code client_secret_basic} and {@code client_secret_post}, for the {@code authorization_code},
 * {@code refresh_token} and {@code client_credentials} grants; its redirect URI is
 * {@value #REDIRECT_URI} on any port (RFC 8252 loopback rule). A browser logs in at the authorization
 * endpoint as any username with {@link #userPassword()}; there is no consent page. Access tokens are
 * opaque. Around the token endpoint sit counters, fault injection and a delay; it handles one grant at
 * a time, so of two concurrent uses of one refresh token exactly one wins.
 */
public final class RotatingAuthorizationServer implements AutoCloseable {
    /** The registered redirect URI; any port of it is accepted, as for a native app. */
    public static final String REDIRECT_URI = "http://127.0.0.1/oauth/callback";
    /** The scopes the client may ask for at the authorization endpoint; {@link #issue} takes any. */
    public static final Set<String> CLIENT_SCOPES = Set.of("read", "write", "profile", "email", "offline_access");
    private static final String CLIENT_ID = "keyway-test-client";
    /** The private_key_jwt client of {@link #start(Settings, String)}. */
    public static final String KEY_CLIENT_ID = "keyway-key-client";
    static final String USER_PASSWORD = "password";

    /** Token lifetimes; each must be positive. */
    public record Settings(Duration accessTokenLifetime, Duration refreshTokenLifetime) {
        public Settings {
            requirePositive(accessTokenLifetime, "accessTokenLifetime");
            requirePositive(refreshTokenLifetime, "refreshTokenLifetime");
        }

        /** Five-minute access tokens, one-day refresh tokens. */
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(5), Duration.ofDays(1));
        }

        private static void requirePositive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
        }
    }

    /** What {@link #issue} grants: as a token response would carry it. */
    public record TokenPair(String accessToken, String refreshToken, Instant expiresAt) {
    }

    private final AnnotationConfigServletWebServerApplicationContext context;
    private final TokenEndpointGate gate;
    private final RegisteredClient client;
    private final String clientSecret;
    private final OAuth2AuthorizationService authorizations;
    private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
    private final AuthorizationServerContext serverContext;
    private final String baseUrl;

    private RotatingAuthorizationServer(AnnotationConfigServletWebServerApplicationContext context,
            TokenEndpointGate gate, RegisteredClient client, String clientSecret) {
        this.context = context;
        this.gate = gate;
        this.client = client;
        this.clientSecret = clientSecret;
        this.authorizations = context.getBean(OAuth2AuthorizationService.class);
        @SuppressWarnings("unchecked")
        OAuth2TokenGenerator<? extends OAuth2Token> generator = context.getBean(OAuth2TokenGenerator.class);
        this.tokens = generator;
        this.baseUrl = "http://127.0.0.1:" + context.getWebServer().getPort();
        AuthorizationServerSettings endpoints = context.getBean(AuthorizationServerSettings.class);
        this.serverContext = new AuthorizationServerContext() {
            @Override
            public String getIssuer() {
                return baseUrl;
            }

            @Override
            public AuthorizationServerSettings getAuthorizationServerSettings() {
                return endpoints;
            }
        };
    }

    public static RotatingAuthorizationServer start() {
        return start(Settings.defaults());
    }

    /** Starts a new server with its own client, tokens and counters. */
    public static RotatingAuthorizationServer start(Settings settings) {
        return start(settings, null);
    }

    /**
     * Also registers {@link #KEY_CLIENT_ID}, a client that authenticates with {@code private_key_jwt}
     * (client_credentials grant), its public keys fetched from {@code keyClientJwkSetUrl}.
     */
    public static RotatingAuthorizationServer start(Settings settings, String keyClientJwkSetUrl) {
        Objects.requireNonNull(settings, "settings");
        QuietLogging.apply();
        String secret = newSecret();
        RegisteredClient client = ServerConfig.client(CLIENT_ID, secret, REDIRECT_URI, settings);
        TokenEndpointGate gate = new TokenEndpointGate();
        var context = new AnnotationConfigServletWebServerApplicationContext();
        context.registerBean("client", RegisteredClient.class, () -> client);
        if (keyClientJwkSetUrl != null) {
            RegisteredClient keyClient = ServerConfig.keyClient(KEY_CLIENT_ID, keyClientJwkSetUrl, settings);
            context.registerBean("keyClient", RegisteredClient.class, () -> keyClient);
        }
        context.registerBean(TokenEndpointGate.class, () -> gate);
        context.register(ServerConfig.class);
        try {
            context.refresh();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return new RotatingAuthorizationServer(context, gate, client, secret);
    }

    public String issuer() {
        return baseUrl;
    }

    public String authorizationUrl() {
        return baseUrl + "/oauth2/authorize";
    }

    public String tokenUrl() {
        return baseUrl + "/oauth2/token";
    }

    public String revocationUrl() {
        return baseUrl + "/oauth2/revoke";
    }

    /**
     * A protected resource: {@code GET} with {@code Authorization: Bearer <access token>} answers 200
     * and {@code {"sub": username, "scope": "…"}} while that token is current (not expired, revoked or
     * replaced by a refresh), 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} otherwise.
     */
    public String userInfoUrl() {
        return baseUrl + UserInfoServlet.PATH;
    }

    public String clientId() {
        return client.getClientId();
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The password a browser logs in with at the authorization endpoint, under any username. */
    public String userPassword() {
        return USER_PASSWORD;
    }

    /**
     * Mints a grant for {@code username} without a browser, as if the user had logged in and consented
     * to {@code scopes}: the server's own token generators make the tokens and its authorization store
     * keeps them, so the refresh token refreshes at the token endpoint like one from a code exchange.
     * Scopes are granted as given. Makes no token request, so the counters do not move.
     */
    public TokenPair issue(String username, Set<String> scopes) {
        Objects.requireNonNull(username, "username");
        Set<String> granted = Set.copyOf(scopes);
        Authentication user = UsernamePasswordAuthenticationToken.authenticated(username, null,
                AuthorityUtils.createAuthorityList("ROLE_USER"));
        var clientPrincipal = new OAuth2ClientAuthenticationToken(client,
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, clientSecret);
        var codeExchange = new OAuth2AuthorizationCodeAuthenticationToken("issued-without-browser", clientPrincipal,
                REDIRECT_URI, Map.of());
        DefaultOAuth2TokenContext.Builder tokenContext = DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(user)
                .authorizationServerContext(serverContext)
                .authorizedScopes(granted)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrant(codeExchange);

        OAuth2Token generated = tokens.generate(tokenContext.tokenType(OAuth2TokenType.ACCESS_TOKEN).build());
        if (generated == null) {
            throw new IllegalStateException("the token generator made no access token");
        }
        var accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, generated.getTokenValue(),
                generated.getIssuedAt(), generated.getExpiresAt(), granted);
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
                .principalName(username)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(granted)
                .attribute(Principal.class.getName(), user)
                // the metadata the token endpoint records beside an access token it issues
                .token(accessToken, metadata -> {
                    if (generated instanceof ClaimAccessor claims) {
                        metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims());
                    }
                    metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
                    metadata.put(OAuth2TokenFormat.class.getName(),
                            client.getTokenSettings().getAccessTokenFormat().getValue());
                });
        OAuth2Token refresh = tokens.generate(tokenContext.tokenType(OAuth2TokenType.REFRESH_TOKEN)
                .authorization(authorization.build()).build());
        if (!(refresh instanceof OAuth2RefreshToken refreshToken)) {
            throw new IllegalStateException("the token generator made no refresh token");
        }
        authorizations.save(authorization.refreshToken(refreshToken).build());
        return new TokenPair(accessToken.getTokenValue(), refreshToken.getTokenValue(), accessToken.getExpiresAt());
    }

    /** POSTs to the token endpoint so far, of every grant type, faulted ones included. */
    public int tokenRequests() {
        return gate.tokenRequests();
    }

    /** Of {@link #tokenRequests()}, those with {@code grant_type=refresh_token}. */
    public int refreshRequests() {
        return gate.refreshRequests();
    }

    public void resetCounts() {
        gate.resetCounts();
    }

    /**
     * Until {@link #clearFaults()}, every token request is answered with {@code status}, {@code body}
     * and {@code contentType} (and {@code Retry-After} in whole seconds, rounded up, when
     * {@code retryAfter} is given) instead of reaching the server; the tokens do not change.
     */
    public void failTokenRequests(int status, String body, String contentType, Duration retryAfter) {
        gate.fail(new TokenEndpointGate.Fault(status, body, contentType, retryAfter));
    }

    /** Ends {@link #failTokenRequests} and {@link #delayTokenResponses}. */
    public void clearFaults() {
        gate.clear();
    }

    /**
     * Holds each token request this long before it is answered (by the server or by an injected
     * fault), to widen race windows or to outlast a client's timeout; {@link Duration#ZERO} ends it.
     */
    public void delayTokenResponses(Duration delay) {
        gate.delay(delay);
    }

    /**
     * Removes the whole grant behind {@code refreshToken}, as when the user removes the app: its access
     * token stops working and every later refresh gets {@code invalid_grant}.
     *
     * @throws IllegalArgumentException when the token is not the grant's current refresh token
     */
    public void revokeGrant(String refreshToken) {
        OAuth2Authorization authorization = authorizations.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN);
        if (authorization == null) {
            throw new IllegalArgumentException("no grant has this refresh token (rotated, revoked or never issued)");
        }
        authorizations.remove(authorization);
    }

    /** Stops the server; its port is free when this returns. */
    @Override
    public void close() {
        gate.close();
        context.close();
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
