package dev.keyway.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;
import java.util.Optional;

/**
 * Whether a run's response is a success. A run that answers an error (a 4xx or 5xx, an
 * authorizer's {@code authError}) timed an error path, which says nothing about real traffic.
 */
final class Responses {
    private Responses() {
    }

    static Optional<String> problem(String responseJson) {
        return problem(responseJson, 0);
    }

    /**
     * As {@link #problem(String)}, except that an HTTP answer of {@code expectedStatus} (when not 0)
     * is the success, and any other answer a problem: for a function whose sample can only take an error path.
     */
    static Optional<String> problem(String responseJson, int expectedStatus) {
        JsonNode response;
        try {
            response = Json.mapper().readTree(responseJson);
        } catch (JacksonException e) {
            return Optional.of("a response that is not JSON: " + abbreviate(responseJson));
        }
        JsonNode status = response.path("statusCode");
        if (expectedStatus != 0) {
            return status.isInt() && status.intValue() == expectedStatus ? Optional.empty()
                    : Optional.of("not the expected HTTP " + expectedStatus + ": " + abbreviate(responseJson));
        }
        if (status.isInt() && status.intValue() >= 400) {
            return Optional.of("HTTP " + status.intValue() + " " + abbreviate(response.path("body").asText()));
        }
        JsonNode authError = response.path("context").path("authError");
        if (!authError.isMissingNode()) {
            return Optional.of("authError " + authError.asText());
        }
        if (response.path("isAuthorized").isBoolean() && !response.path("isAuthorized").booleanValue()) {
            return Optional.of("isAuthorized false");
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
