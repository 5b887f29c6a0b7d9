package dev.keyway.testing.oauth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The provider's API, as far as proxy tests need one: 200 with the token's user for an access token the
 * server currently holds active, 401 for any other (unknown, expired, revoked, or replaced by a refresh).
 */
final class UserInfoServlet extends HttpServlet {
    static final String PATH = "/userinfo";
    private static final String BEARER = "Bearer ";

    private final transient OAuth2AuthorizationService authorizations;

    UserInfoServlet(OAuth2AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        OAuth2Authorization authorization = token == null || token.isEmpty() ? null
                : authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken =
                authorization == null ? null : authorization.getAccessToken();
        if (accessToken == null || !accessToken.isActive()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", token == null
                    ? "Bearer" : "Bearer error=\"invalid_token\"");
            return;
        }
        String scope = String.join(" ", new TreeSet<>(accessToken.getToken().getScopes()));
        byte[] body = ("{\"sub\":" + quote(authorization.getPrincipalName())
                + ",\"scope\":" + quote(scope) + "}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A JSON string literal: two fields do not justify a JSON library on consumers' classpaths. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
