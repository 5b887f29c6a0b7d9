package dev.keyway.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.keyway.connectors.catalog.TokenEndpointAuth;
import dev.keyway.core.Json;
import dev.keyway.upstream.HostGuard;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Talks to token endpoints: authorization-code exchange, client credentials, refresh. Nimbus builds
 * and sends the requests (grant encoding, client authentication, PKCE). The answer is read
 * leniently rather than with Nimbus's strict parser, because real providers deviate: Slack says
 * {@code token_type: bot} and nests user tokens under {@code authed_user}, GitHub answers errors
 * with HTTP 200, some omit {@code token_type}. What counts is an {@code access_token} or an
 * {@code error}.
 */
@Singleton
public class TokenClient {
    static final int TIMEOUT_MS = 10_000;

    @Inject
    public TokenClient() {
    }

    public TokenResult exchangeCode(TokenCall call, String code, URI redirectUri, String codeVerifier) {
        return send(call, new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri,
                codeVerifier == null ? null : new CodeVerifier(codeVerifier)), null);
    }

    public TokenResult clientCredentials(TokenCall call, List<String> scopes) {
        return send(call, new ClientCredentialsGrant(), scopes);
    }

    public TokenResult refresh(TokenCall call, String refreshToken) {
        return send(call, new RefreshTokenGrant(new RefreshToken(refreshToken)), null);
    }

    /**
     * RFC 7523 with an assertion already signed with the linked account's key: the jwt-bearer grant
     * (section 2.1, no client authentication), or for {@code private_key_jwt} a client_credentials
     * request that the assertion authenticates (section 2.2).
     */
    public TokenResult jwtBearer(TokenCall call, String signedAssertion, List<String> scopes) {
        SignedJWT assertion;
        try {
            assertion = SignedJWT.parse(signedAssertion);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a signed JWT");
        }
        if (call.auth() == TokenEndpointAuth.PRIVATE_KEY_JWT) {
            return send(call, new PrivateKeyJWT(assertion), new ClientCredentialsGrant(), scopes);
        }
        return send(call, null, new JWTBearerGrant(assertion), scopes);
    }

    private TokenResult send(TokenCall call, AuthorizationGrant grant, List<String> scopes) {
        return send(call, clientAuthentication(call), grant, scopes);
    }

    private TokenResult send(TokenCall call, ClientAuthentication client, AuthorizationGrant grant, List<String> scopes) {
        if (!call.allowPrivateNetwork()) {
            HostGuard.check(call.tokenUrl().getHost());
        }
        Scope scope = scopes == null || scopes.isEmpty() ? null : new Scope(scopes.toArray(String[]::new));
        TokenRequest tokenRequest = client == null ? new TokenRequest(call.tokenUrl(), grant, scope)
                : client instanceof PrivateKeyJWT
                // client_id too (RFC 7521 section 4.2 allows it; Spring Authorization Server requires it).
                ? new TokenRequest(call.tokenUrl(), client, grant, scope, null,
                        Map.of("client_id", List.of(client.getClientID().getValue())))
                : new TokenRequest(call.tokenUrl(), client, grant, scope);
        HTTPRequest request = tokenRequest.toHTTPRequest();
        call.headers().forEach(request::setHeader);
        request.setConnectTimeout(TIMEOUT_MS);
        request.setReadTimeout(TIMEOUT_MS);
        request.setFollowRedirects(false);
        HTTPResponse response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new TokenEndpointException(TokenEndpointException.Kind.UNREACHABLE, "unreachable", 0, null);
        }
        return read(call, response);
    }

    private static ClientAuthentication clientAuthentication(TokenCall call) {
        ClientID id = new ClientID(call.clientId());
        Secret secret = new Secret(call.clientSecret() == null ? "" : call.clientSecret());
        return call.auth() == TokenEndpointAuth.CLIENT_SECRET_POST ? new ClientSecretPost(id, secret)
                : new ClientSecretBasic(id, secret);
    }

    static TokenResult read(TokenCall call, HTTPResponse response) {
        int status = response.getStatusCode();
        JsonNode body = parseBody(response);
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && error.isTextual() && (status == 200 || (status >= 400 && status < 500))) {
            throw new TokenEndpointException(TokenEndpointException.Kind.OAUTH_ERROR, safeCode(error.asText()), status,
                    retryAfter(response));
        }
        if (status < 200 || status >= 300) {
            throw new TokenEndpointException(TokenEndpointException.Kind.HTTP_ERROR, "http_" + status, status,
                    retryAfter(response));
        }
        JsonNode tokens = body == null ? null : body.at(call.tokenResponseRoot());
        JsonNode accessToken = tokens == null ? null : tokens.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw new TokenEndpointException(TokenEndpointException.Kind.MALFORMED, "malformed_token_response", status, null);
        }
        return new TokenResult(accessToken.asText(), text(tokens, "refresh_token"), expiresIn(tokens.get("expires_in")),
                scopes(tokens.get("scope"), call.scopeSeparator()), body);
    }

    /** JSON, or a form-encoded body (GitHub without an Accept header); null for anything else (HTML). */
    private static JsonNode parseBody(HTTPResponse response) {
        String body = response.getBody();
        if (body == null || body.isBlank()) {
            return null;
        }
        String type = response.getHeaderValue("Content-Type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode node = Json.mapper().createObjectNode();
            Map<String, List<String>> params = URLUtils.parseParameters(body);
            params.forEach((k, v) -> node.put(k, v.isEmpty() ? "" : v.get(0)));
            return node;
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    /** expires_in as a number or a numeric string (some providers quote it); null when absent or nonsense. */
    private static Long expiresIn(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            long seconds = value.isNumber() ? value.asLong() : Long.parseLong(value.asText().trim());
            return seconds > 0 ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> scopes(JsonNode value, String separator) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            return java.util.stream.StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText)
                    .filter(s -> !s.isBlank()).toList();
        }
        // Providers split granted scopes by their separator, some by spaces even when they take commas.
        return Arrays.stream(value.asText().split("[\\s" + java.util.regex.Pattern.quote(separator) + "]+"))
                .filter(s -> !s.isBlank()).toList();
    }

    /** OAuth error codes are ASCII words (RFC 6749 5.2); anything else is not repeated. */
    private static String safeCode(String code) {
        return code.matches("[A-Za-z0-9_.-]{1,64}") ? code : "unrecognised_error";
    }

    private static Duration retryAfter(HTTPResponse response) {
        String value = response.getHeaderValue("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }
}
