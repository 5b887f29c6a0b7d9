package dev.keyway.local;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A cookie-keeping HTTP client that follows redirects one at a time, like a browser without
 * JavaScript: enough to walk a connection flow over real HTTP and stop at any step.
 */
final class Browser {
    final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Every URL visited, in order. */
    final List<String> visited = new ArrayList<>();

    HttpResponse<String> get(String url) throws Exception {
        visited.add(url);
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String url, String form) throws Exception {
        visited.add(url);
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows redirects from {@code url} until a response is not a redirect, or {@code stopAt} is next. */
    HttpResponse<String> follow(String url, String stopAt) throws Exception {
        HttpResponse<String> response = get(url);
        for (int i = 0; i < 10 && response.statusCode() / 100 == 3; i++) {
            String next = URI.create(url).resolve(response.headers().firstValue("location").orElseThrow()).toString();
            if (stopAt != null && next.startsWith(stopAt)) {
                visited.add(next);
                return response;
            }
            url = next;
            response = get(url);
        }
        return response;
    }

    String last() {
        return visited.get(visited.size() - 1);
    }
}
