package dev.keyway.connect.portal;

import dev.keyway.connect.ConnectOptions;
import dev.keyway.core.KeywayException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading and checking the portal's forms; what the end user is told when something is wrong. */
final class PortalForms {
    static final int MAX_VALUE = 8 * 1024;
    static final String CONFIG_PREFIX = "config.";
    /** The default for a config value that lands in a URL: one DNS label (same rule as imports). */
    static final String DNS_LABEL = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";

    private PortalForms() {
    }

    static String inputName(ConnectOptions.Field f) {
        return f.config() ? CONFIG_PREFIX + f.name() : f.name();
    }

    /** Field errors by input name; never repeats the value (it may be a secret). */
    static Map<String, String> check(ConnectOptions.Method method, Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConnectOptions.Field f : method.fields()) {
            String name = inputName(f);
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                if (f.required()) {
                    errors.put(name, f.label() + " is required.");
                }
            } else if (value.length() > MAX_VALUE) {
                errors.put(name, f.label() + " is too long.");
            } else if (f.config() && !Pattern.compile(f.pattern() == null ? DNS_LABEL : f.pattern()).matcher(value.strip()).matches()) {
                errors.put(name, f.label() + " does not look right" + (f.example() == null ? "." : " (for example " + f.example() + ")."));
            } else if (!f.config() && !typed(f, value)) {
                errors.put(name, f.label() + " " + expected(f) + ".");
            }
        }
        return errors;
    }

    /** A CUSTOM field's value against its type and pattern (import checks them again, as for every flow). */
    private static boolean typed(ConnectOptions.Field f, String value) {
        if (f.pattern() != null && !Pattern.compile(f.pattern()).matcher(value).matches()) {
            return false;
        }
        return switch (f.type() == null ? "" : f.type()) {
            case "number" -> value.strip().matches("^-?[0-9]+(\\.[0-9]+)?$");
            case "boolean" -> value.equals("true") || value.equals("false");
            case "pem" -> value.strip().startsWith("-----BEGIN ") && value.contains("-----END ");
            case "json" -> value.strip().startsWith("{") || value.strip().startsWith("[");
            default -> true;
        };
    }

    private static String expected(ConnectOptions.Field f) {
        return switch (f.type() == null ? "" : f.type()) {
            case "number" -> "must be a number";
            case "boolean" -> "must be yes or no";
            case "pem" -> "must be PEM text (-----BEGIN …)";
            case "json" -> "must be a JSON document";
            default -> "does not look right";
        };
    }

    /** The form's input for a field: secrets are password inputs, PEM and JSON text areas, numbers and yes/no their own. */
    static String inputType(ConnectOptions.Field f) {
        return switch (f.type() == null ? "" : f.type()) {
            case "pem", "json" -> "textarea";
            case "number" -> "number";
            case "boolean" -> "boolean";
            default -> f.secret() ? "password" : "text";
        };
    }

    static Map<String, String> config(ConnectOptions.Method method, Map<String, String> values) {
        Map<String, String> config = new LinkedHashMap<>();
        method.configFields().forEach(f -> config.put(f.name(), values.get(inputName(f)).strip()));
        return config;
    }

    /** The HTML pattern attribute for an anchored regex (HTML anchors it itself and reads it in the 'v' mode). */
    static String htmlPattern(String anchored) {
        if (anchored == null || !anchored.startsWith("^") || !anchored.endsWith("$")) {
            return null;
        }
        // In the 'v' mode a '-' at the end of a class must be escaped.
        return anchored.substring(1, anchored.length() - 1).replace("-]", "\\-]");
    }

    /** What the form says when the flow could not store the account. */
    static String explain(KeywayException e, String connectorName) {
        return switch (e.code()) {
            case "credentials_rejected" -> connectorName + " did not accept these credentials. Check them and try again.";
            case "verification_unavailable" -> connectorName + " did not answer when Keyway checked these credentials. Try again in a moment.";
            case "provider_error" -> e.getMessage();
            default -> "These details could not be saved: " + e.getMessage();
        };
    }

    /**
     * Origins a form may lead to: the OAuth provider's authorization endpoint (Chrome applies the
     * CSP form-action to the redirect after a form). A host that depends on what the user types
     * (a Shopify shop) is only known to be https.
     */
    static List<String> authorizationOrigins(ConnectOptions.Choice choice, ConnectOptions.Method method) {
        String url = method.authorizationUrl();
        if (url == null) {
            return List.of();
        }
        String schemeAndHost = url.replaceFirst("^(https?://[^/?#]*).*$", "$1");
        if (schemeAndHost.contains("{")) {
            return List.of("https:");
        }
        URI uri = URI.create(schemeAndHost);
        return List.of(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
