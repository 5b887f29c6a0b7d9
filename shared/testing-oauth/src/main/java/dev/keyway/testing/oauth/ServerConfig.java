package dev.keyway.testing.oauth;

import dev.keyway.testing.oauth.RotatingAuthorizationServer.Settings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The whole server, wired by hand: no component scan and no Boot auto-configuration, so nothing on a
 * consumer's test classpath changes what starts. The beans the authorization server configurer looks up
 * (client repository, authorization store, token generator) are declared here so that
 * {@link RotatingAuthorizationServer#issue} uses the very same ones.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ServerConfig {
    static RegisteredClient client(String clientId, String secret, String redirectUri, Settings settings) {
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .redirectUri(redirectUri)
                .scopes(scopes -> scopes.addAll(RotatingAuthorizationServer.CLIENT_SCOPES))
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                        .accessTokenTimeToLive(settings.accessTokenLifetime())
                        .refreshTokenTimeToLive(settings.refreshTokenLifetime())
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }

    @Bean
    TomcatServletWebServerFactory webServerFactory() throws UnknownHostException {
        var factory = new TomcatServletWebServerFactory(0);
        factory.setAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        return factory;
    }

    /**
     * A client that authenticates with {@code private_key_jwt} (RFC 7523 section 2.2) for the
     * client_credentials grant: the server checks each assertion against the public keys it fetches
     * from {@code jwkSetUrl}, so an assertion signed with another key is refused ({@code invalid_client}).
     */
    static RegisteredClient keyClient(String clientId, String jwkSetUrl, Settings settings) {
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(RotatingAuthorizationServer.CLIENT_SCOPES))
                .clientSettings(ClientSettings.builder().jwkSetUrl(jwkSetUrl)
                        .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                        .accessTokenTimeToLive(settings.accessTokenLifetime())
                        .build())
                .build();
    }

    @Bean
    RegisteredClientRepository registeredClients(java.util.List<RegisteredClient> clients) {
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    OAuth2AuthorizationService authorizations() {
        return new InMemoryOAuth2AuthorizationService();
    }

    /** Opaque access tokens and refresh tokens: no signing key to make at start-up. */
    @Bean
    OAuth2TokenGenerator<OAuth2Token> tokenGenerator() {
        return new DelegatingOAuth2TokenGenerator(new OAuth2AccessTokenGenerator(), new OAuth2RefreshTokenGenerator());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /**
     * Secrets compared as stored: the default encoder would re-hash the client secret with BCrypt on
     * first use and then spend tens of milliseconds on every token request.
     */
    @Bean
    @SuppressWarnings("deprecation")
    PasswordEncoder passwordEncoder() {
        return NoOpPasswordEncoder.getInstance();
    }

    /** Any username logs in with the one test password. */
    @Bean
    UserDetailsService users() {
        return username -> User.withUsername(username)
                .password(RotatingAuthorizationServer.USER_PASSWORD)
                .roles("USER")
                .build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(Customizer.withDefaults())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(UserInfoServlet.PATH).permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    /** In front of Spring Security, so faults and delays apply before client authentication. */
    @Bean
    FilterRegistrationBean<TokenEndpointGate> tokenEndpointGate(TokenEndpointGate gate,
            AuthorizationServerSettings endpoints) {
        var registration = new FilterRegistrationBean<>(gate);
        registration.addUrlPatterns(endpoints.getTokenEndpoint());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Tomcat runs a path's filters only when some servlet maps it, and Spring Security's endpoints are
     * all filters: this servlet maps everything else and answers 404 for what no filter handled.
     */
    @Bean
    ServletRegistrationBean<NotFoundServlet> notFound() {
        return new ServletRegistrationBean<>(new NotFoundServlet(), "/");
    }

    static final class NotFoundServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Bean
    ServletRegistrationBean<UserInfoServlet> userInfo(OAuth2AuthorizationService authorizations) {
        return new ServletRegistrationBean<>(new UserInfoServlet(authorizations), UserInfoServlet.PATH);
    }
}
