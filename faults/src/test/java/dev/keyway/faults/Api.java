package dev.keyway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;
import dev.keyway.local.LocalRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The public API of a local runner, called with one app key, and the checks every fault ends with. */
record Api(LocalRunner runner, String key) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json").header("authorization", "Bearer " + key);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An API-key account of connector {@code crm} (each test class puts it), with a canary key that must never come back. */
    HttpResponse<String> importApiKey(String user, String externalRef) throws Exception {
        return call("POST", "/v1/linked-accounts/import", """
                {"connector": "crm", "authMethod": "key", "endUserId": "%s", "externalRef": "%s",
                 "credentials": {"apiKey": "canary-key-%s"}}""".formatted(user, externalRef, UUID.randomUUID()));
    }

    void putApiKeyConnector() throws Exception {
        assertThat(call("PUT", "/v1/connectors/crm", """
                {"provider": "custom", "displayName": "CRM", "baseUrl": "https://crm.example",
                 "authMethods": [{"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-Key"}}]}
                """).statusCode()).isIn(200, 201);
    }

    /** Nothing lost, nothing doubled: one account for the end user, and its import in the auth log once. */
    void assertExactlyOneAccountWithItsImportEntry(String user) throws Exception {
        JsonNode list = Json.mapper().readTree(call("GET", "/v1/linked-accounts?endUserId=" + user, null).body());
        assertThat(list.path("data")).as(list.toString()).hasSize(1);
        String id = list.path("data").get(0).path("id").asText();
        assertThat(eventTypes(id)).as("the auth log of " + id).containsOnlyOnce("linked_account.imported");
    }

    List<String> eventTypes(String linkedAccountId) throws Exception {
        var response = call("GET", "/v1/logs?linkedAccountId=" + linkedAccountId + "&limit=100", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        Json.mapper().readTree(response.body()).path("data").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    /** A retryable 503 in Keyway's error shape: a code and a message, no trace, no credential. */
    static void assertRetryable503(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isNotBlank();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "canary-key");
    }

    /** Stops a test class's runner and points the functions built after it at the real endpoint again. */
    static void stopRunner(LocalRunner runner, String realEndpoint) {
        if (runner != null) {
            runner.close();
        }
        if (realEndpoint != null) {
            System.setProperty(dev.keyway.core.KeywayConfig.AWS_ENDPOINT, realEndpoint);
        }
    }

    /** Closes what a test class started, skipping what never started. */
    static void close(AutoCloseable... started) throws Exception {
        for (AutoCloseable resource : started) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
