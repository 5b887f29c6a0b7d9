package dev.keyway.testing.oauth;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keyway.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a consumer's test does: the JDK client on the wire, Keyway's Jackson 2 setup for the JSON. */
final class TokenEndpointClient {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RotatingAuthorizationServer server;

    TokenEndpointClient(RotatingAuthorizationServer server) {
        this.server = server;
    }

    HttpResponse<String> refresh(String refreshToken) {
        return postBasic(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** client_secret_basic */
    HttpResponse<String> postBasic(Map<String, String> form) {
        String credentials = server.clientId() + ":" + server.clientSecret();
        return post(form, "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** client_secret_post */
    HttpResponse<String> postInBody(Map<String, String> form) {
        Map<String, String> withClient = new LinkedHashMap<>(form);
        withClient.put("client_id", server.clientId());
        withClient.put("client_secret", server.clientSecret());
        return post(withClient, null);
    }

    HttpResponse<String> post(Map<String, String> form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    HttpResponse<String> userInfo(String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.userInfoUrl())).GET();
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        return send(HTTP, request);
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return Json.mapper().readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
