package dev.keyway.connect.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.connectors.catalog.ConfigSource;
import dev.keyway.connectors.catalog.ConnectionConfigField;
import dev.keyway.core.Json;
import dev.keyway.upstream.HostGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Post-connect look-ups the catalog declares as DISCOVERY fields: one GET with the new access
 * token, the value read at a JSON pointer (Atlassian's cloud id from accessible-resources,
 * Mailchimp's data centre from its metadata endpoint).
 */
@Singleton
public class ConnectionConfigDiscovery {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_BODY = 256 * 1024;

    /** A discovery call failed; the message never holds the token. */
    public static final class DiscoveryFailed extends RuntimeException {
        DiscoveryFailed(String field) {
            super("discovery of connectionConfig." + field + " failed");
        }
    }

    private final HttpClient http;

    @Inject
    public ConnectionConfigDiscovery() {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Map<String, String> discover(List<ConnectionConfigField> fields, String accessToken, boolean privateNetwork) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConnectionConfigField field : fields) {
            if (field.source() == ConfigSource.DISCOVERY) {
                values.put(field.name(), fetch(field, accessToken, privateNetwork));
            }
        }
        return values;
    }

    private String fetch(ConnectionConfigField field, String accessToken, boolean privateNetwork) {
        URI uri = URI.create(field.discoveryUrl());
        if (!privateNetwork) {
            HostGuard.check(uri.getHost());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2 || response.body().length > MAX_BODY) {
                throw new DiscoveryFailed(field.name());
            }
            JsonNode value = Json.mapper().readTree(response.body()).at(field.pointer());
            if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
                throw new DiscoveryFailed(field.name());
            }
            return value.asText();
        } catch (IOException e) {
            throw new DiscoveryFailed(field.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryFailed(field.name());
        }
    }
}
