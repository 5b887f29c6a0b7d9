package dev.keyway.portal;

import java.util.Locale;
import java.util.Optional;

/** Escaping and URL vetting for everything interpolated into portal HTML. Attributes are always double-quoted. */
final class Html {
    private Html() {}

    /** Escapes for text and double- or single-quoted attribute contexts alike; null becomes "". */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '`' -> "&#96;";
                // C0 controls (other than tab, LF, CR) are not allowed in HTML text.
                default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "\uFFFD" : null;
            };
            if (rep != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(rep);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * The URL if it is safe in an href/action: absolute http(s) with a host, or relative (path, query or fragment).
     * Refused: other schemes ({@code javascript:}, {@code data:}…), protocol-relative {@code //host}, backslashes
     * and any whitespace or control character (browsers strip those, so {@code java\tscript:} would run).
     */
    static Optional<String> safeUrl(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return Optional.empty();
            }
        }
        int colon = url.indexOf(':');
        int firstDelimiter = firstIndexOf(url, "/?#");
        boolean hasScheme = colon >= 0 && (firstDelimiter < 0 || colon < firstDelimiter);
        if (hasScheme) {
            String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            String rest = url.substring(colon + 1);
            if (!http || !rest.startsWith("//") || rest.length() == 2 || "/?#".indexOf(rest.charAt(2)) >= 0) {
                return Optional.empty();
            }
            return Optional.of(url);
        }
        return url.startsWith("//") ? Optional.empty() : Optional.of(url);
    }

    private static int firstIndexOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String or(String s, String fallback) {
        return blank(s) ? fallback : s;
    }
}
