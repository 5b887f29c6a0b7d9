package dev.keyway.testing.oauth;

import static dev.keyway.testing.oauth.TokenEndpointClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a browser does at {@code authorizationUrl()}: log in, be sent back with a code, exchange it. */
class AuthorizationCodeFlowTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void codeFromLoginForm_shouldExchangeWithPkceAndThenRotate() throws Exception {
        try (var server = RotatingAuthorizationServer.start()) {
            // GIVEN a browser with cookies, and Keyway's callback on some loopback port
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String redirectUri = "http://127.0.0.1:54321/oauth/callback";
            String verifier = "a-code-verifier-that-is-long-enough-for-rfc-7636-rules-0123456789";
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String authorize = server.authorizationUrl() + "?" + TokenEndpointClient.formEncode(Map.of(
                    "response_type", "code", "client_id", server.clientId(), "redirect_uri", redirectUri,
                    "scope", "read offline_access", "state", "st-1",
                    "code_challenge", challenge, "code_challenge_method", "S256"));

            // WHEN the user logs in
            HttpResponse<String> toLogin = get(browser, authorize);
            assertThat(toLogin.statusCode()).isEqualTo(302);
            String loginUrl = location(toLogin);
            Matcher csrf = CSRF.matcher(get(browser, loginUrl).body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> loggedIn = TokenEndpointClient.send(browser, HttpRequest.newBuilder(URI.create(loginUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(TokenEndpointClient.formEncode(Map.of(
                            "username", "grace", "password", server.userPassword(), "_csrf", csrf.group(1)))))
                    .build());
            assertThat(loggedIn.statusCode()).isEqualTo(302);
            HttpResponse<String> callback = get(browser, location(loggedIn));

            // THEN the browser goes to the callback with a code, which exchanges for a rotating grant
            assertThat(callback.statusCode()).isEqualTo(302);
            URI back = URI.create(location(callback));
            assertThat(back.getPort()).isEqualTo(54321);
            Map<String, String> query = query(back);
            assertThat(query).containsEntry("state", "st-1");

            var tokens = new TokenEndpointClient(server);
            HttpResponse<String> exchanged = tokens.postBasic(Map.of("grant_type", "authorization_code",
                    "code", query.get("code"), "redirect_uri", redirectUri, "code_verifier", verifier));
            assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
            String refreshToken = (String) json(exchanged).get("refresh_token");
            assertThat(json(tokens.userInfo((String) json(exchanged).get("access_token")))).containsEntry("sub", "grace");

            String rotated = (String) json(tokens.refresh(refreshToken)).get("refresh_token");
            assertThat(rotated).isNotNull().isNotEqualTo(refreshToken);
            assertThat(json(tokens.refresh(refreshToken)).get("error")).isEqualTo("invalid_grant");
        }
    }

    private static HttpResponse<String> get(HttpClient browser, String url) {
        // a browser asks for HTML; Spring sends only such requests to the login page, others get 401
        return TokenEndpointClient.send(browser, HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/html,application/xhtml+xml").GET().build());
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(l -> response.uri().resolve(l).toString())
                .orElseThrow(() -> new AssertionError("no Location: " + response.statusCode()));
    }

    private static Map<String, String> query(URI uri) {
        var out = new LinkedHashMap<String, String>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
