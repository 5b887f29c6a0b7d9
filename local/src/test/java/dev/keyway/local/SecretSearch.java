package dev.keyway.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The secrets of a canary test and every form in which one could leak: the value itself (any
 * case), its random part alone, base64 and base64url (padded or not), and the base64 of a
 * {@code user:password} pair as Basic auth sends it.
 */
final class SecretSearch {
    /** One form of one secret to look for. */
    record Needle(String secret, String form, String value, boolean ignoreCase) {
    }

    /** Where a needle was found. */
    record Hit(String where, Needle needle, String context) {
        @Override
        public String toString() {
            return where + ": " + needle.secret() + " (" + needle.form() + ") in …" + context + "…";
        }
    }

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<Needle> needles = new ArrayList<>();

    /** A fresh marker {@code CANARY-<uuid>} registered under {@code label}. */
    String marker(String label) {
        String value = "CANARY-" + UUID.randomUUID();
        add(label, value);
        needles.add(new Needle(label, "random part", value.substring("CANARY-".length()), true));
        return value;
    }

    /** Any other secret value (an app key, say). */
    void add(String label, String value) {
        if (secrets.putIfAbsent(label, value) != null) {
            throw new IllegalArgumentException("label used twice: " + label);
        }
        needles.add(new Needle(label, "plain", value, true));
        base64Forms(label, value, "");
    }

    /** The {@code user:password} pair of Basic auth (or of a client authenticating to a token endpoint). */
    void addPair(String label, String user, String password) {
        String pair = user + ":" + password;
        needles.add(new Needle(label, "pair", pair, true));
        base64Forms(label, pair, "pair ");
    }

    private void base64Forms(String label, String value, String prefix) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(bytes);
        String b64url = Base64.getUrlEncoder().encodeToString(bytes);
        needles.add(new Needle(label, prefix + "base64", strip(b64), false));
        if (!strip(b64url).equals(strip(b64))) {
            needles.add(new Needle(label, prefix + "base64url", strip(b64url), false));
        }
    }

    private static String strip(String base64) {
        return base64.replace("=", "");
    }

    Map<String, String> secrets() {
        return secrets;
    }

    int needleCount() {
        return needles.size();
    }

    String value(String label) {
        return secrets.get(label);
    }

    /** Every needle found in {@code text}. */
    List<Hit> hits(String where, String text) {
        List<Hit> hits = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (Needle needle : needles) {
            String haystack = needle.ignoreCase() ? lower : text;
            String value = needle.ignoreCase() ? needle.value().toLowerCase(Locale.ROOT) : needle.value();
            int at = haystack.indexOf(value);
            if (at >= 0) {
                int from = Math.max(0, at - 80);
                int to = Math.min(text.length(), at + value.length() + 40);
                hits.add(new Hit(where, needle, text.substring(from, to).replace('\n', ' ')));
            }
        }
        return hits;
    }

    /** Whether any form of the secret {@code label} occurs in {@code text}. */
    boolean found(String label, String text) {
        return hits("", text).stream().anyMatch(h -> h.needle().secret().equals(label));
    }
}
