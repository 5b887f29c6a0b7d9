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

    /**
     * Follows redirects from {@code url} until a response is not a redirect, or {@code stopAt} is next.
     * A page whose form portal.js submits by itself ({@code data-auto-submit}, a popup on its way to the
     * provider) is submitted, as the script would.
     */
    HttpResponse<String> follow(String url, String stopAt) throws Exception {
        HttpResponse<String> response = get(url);
        for (int i = 0; i < 10 && (response.statusCode() / 100 == 3 || autoSubmitted(response) != null); i++) {
            String target = response.statusCode() / 100 == 3
                    ? response.headers().firstValue("location").orElseThrow() : autoSubmitted(response);
            String next = URI.create(url).resolve(target).toString();
            if (stopAt != null && next.startsWith(stopAt)) {
                visited.add(next);
                return response;
            }
            url = next;
            response = get(url);
        }
        return response;
    }

    /** The URL a {@code data-auto-submit} GET form of the page goes to, or null. */
    static String autoSubmitted(HttpResponse<String> page) {
        var form = java.util.regex.Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"get\"[^>]*data-auto-submit[^>]*>(.*?)</form>",
                java.util.regex.Pattern.DOTALL).matcher(page.body());
        if (page.statusCode() != 200 || !form.find()) {
            return null;
        }
        var inputs = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
                .matcher(form.group(2));
        java.util.StringJoiner query = new java.util.StringJoiner("&", "?", "");
        while (inputs.find()) {
            query.add(enc(unescape(inputs.group(1))) + "=" + enc(unescape(inputs.group(2))));
        }
        return unescape(form.group(1)) + query;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    String last() {
        return visited.get(visited.size() - 1);
    }
}
