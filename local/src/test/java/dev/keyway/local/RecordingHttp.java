package dev.keyway.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real HTTP against the local runner; every response (status, headers, body) is kept for searching. */
final class RecordingHttp {
    /** One call: what was asked, and the whole answer as text. */
    record Exchange(String method, String path, int status, String response) {
    }

    /** An answer: status, headers and body. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    RecordingHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Response send(String method, String path, String bearer, String body) {
        return send(method, path, bearer, body, Map.of());
    }

    Response send(String method, String path, String bearer, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String text = response.version() + " " + response.statusCode() + "\n" + response.headers().map() + "\n\n"
                + response.body();
        exchanges.add(new Exchange(method, path, response.statusCode(), text));
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    Response get(String path, String bearer) {
        return send("GET", path, bearer, null);
    }

    Response delete(String path, String bearer) {
        return send("DELETE", path, bearer, null);
    }

    Response post(String path, String bearer, Object json) {
        return send("POST", path, bearer, json instanceof String s ? s : Json.write(json));
    }

    Response put(String path, String bearer, Object json) {
        return send("PUT", path, bearer, json instanceof String s ? s : Json.write(json));
    }
}
