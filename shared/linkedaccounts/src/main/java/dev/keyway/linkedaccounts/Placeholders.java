package dev.keyway.linkedaccounts;

import dev.keyway.core.KeywayException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {name}} placeholders of a URL from a linked account's connection config. */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private Placeholders() {
    }

    public static String fill(String url, Map<String, String> connectionConfig) {
        Matcher m = PLACEHOLDER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = connectionConfig.get(m.group(1));
            if (value == null) {
                throw new KeywayException(409, "connection_config_incomplete",
                        "the linked account has no connectionConfig." + m.group(1) + ", which the connector's URL needs");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static java.util.Set<String> names(String url) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(url == null ? "" : url);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
