package dev.keyway.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration every module uses, so JSON looks the same everywhere. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        // Outside input is bounded by the HTTP layer (64 KiB); keep nesting shallow as well.
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A request body as {@code type}: 400 {@code invalid_request} naming an unknown field, or saying
     * {@code expected} for anything else that does not parse (never Jackson's message, which quotes input).
     */
    public static <T> T readRequest(String body, Class<T> type, String expected) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw KeywayException.invalid("body: expected a JSON object");
            }
            return value;
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw KeywayException.invalid(e.getPropertyName() + ": unknown field");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw KeywayException.invalid("body: expected " + expected);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
