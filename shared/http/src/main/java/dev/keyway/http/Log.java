package dev.keyway.http;

import dev.keyway.core.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One structured JSON line per event on stdout, which Lambda ships to CloudWatch. No logging
 * framework: it would cost cold-start time and nothing here needs one. Callers pass only
 * non-secret fields (ids, codes, counts); never a request body, header or exception message
 * that could echo one.
 */
public final class Log {
    private Log() {
    }

    public static void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields);
    }

    public static void warn(String event, Map<String, ?> fields) {
        write("WARN", event, fields);
    }

    public static void error(String event, Map<String, ?> fields) {
        write("ERROR", event, fields);
    }

    private static void write(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        line.putAll(fields);
        System.out.println(Json.write(line));
    }
}
