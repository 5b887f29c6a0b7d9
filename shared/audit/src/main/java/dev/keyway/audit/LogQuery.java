package dev.keyway.audit;

import dev.keyway.core.KeywayException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The filters of {@code GET /v1/logs}, validated: a bad value is a 400 whose message starts
 * with the parameter's name. The cursor stays opaque here; {@link AuthLogQuery} checks it
 * against the caller's own partition.
 */
public record LogQuery(
        Optional<String> linkedAccountId,
        Optional<String> endUserId,
        Optional<String> type,
        Optional<Instant> since,
        Optional<String> cursor,
        int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_.]{1,64}");
    private static final int MAX_END_USER_ID = 255;
    private static final int MAX_CURSOR = 2048;

    public LogQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw KeywayException.invalid("limit: an integer from 1 to " + MAX_LIMIT);
        }
    }

    /** Reads the query string through {@code parameter} (name → value, empty when absent). */
    public static LogQuery parse(Function<String, Optional<String>> parameter) {
        return new LogQuery(
                parameter.apply("linkedAccountId").map(v -> matching("linkedAccountId", v, ID,
                        "a linked account id such as la_…")),
                parameter.apply("endUserId").map(LogQuery::endUserId),
                parameter.apply("type").map(v -> matching("type", v, TYPE,
                        "an event type such as linked_account.imported")),
                parameter.apply("since").map(LogQuery::since),
                parameter.apply("cursor").map(LogQuery::cursor),
                parameter.apply("limit").map(LogQuery::limit).orElse(DEFAULT_LIMIT));
    }

    private static String matching(String name, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw KeywayException.invalid(name + ": " + expected);
        }
        return value;
    }

    private static String endUserId(String value) {
        if (value.length() > MAX_END_USER_ID || value.chars().anyMatch(Character::isISOControl)) {
            throw KeywayException.invalid("endUserId: at most " + MAX_END_USER_ID + " characters, no control characters");
        }
        return value;
    }

    private static Instant since(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw KeywayException.invalid("since: an ISO-8601 timestamp with a zone, e.g. 2026-01-31T00:00:00Z");
        }
    }

    private static String cursor(String value) {
        if (value.length() > MAX_CURSOR) {
            throw KeywayException.invalid("cursor: not a cursor this list returned");
        }
        return value;
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw KeywayException.invalid("limit: an integer from 1 to " + MAX_LIMIT);
        }
    }
}
