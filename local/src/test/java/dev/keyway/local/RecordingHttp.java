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
    record Exchange(String method, String path, String requestBody, int status, String response) {
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
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // Read as bytes (ISO-8859-1 keeps each byte), so a compressed or binary body can be inspected too.
        byte[] raw = response.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String decoded = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        String text = response.version() + " " + response.statusCode() + "\n" + response.headers().map() + "\n\n"
                + response.body() + "\n" + decoded;
        if (response.headers().firstValue("content-encoding").filter(e -> e.contains("gzip")).isPresent()) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                decoded = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                text += "\n" + decoded;
            } catch (IOException e) {
                text += "\n(not gzip)";
            }
        }
        exchanges.add(new Exchange(method, path, body, response.statusCode(), text));
        return new Response(response.statusCode(), response.headers().map(), decoded);
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
