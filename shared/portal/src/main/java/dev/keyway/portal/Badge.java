package dev.keyway.portal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Letter badges: the first letter of a name on a rounded square in a brand colour. Inline SVG so there is no
 * third-party fetch; colours are presentation attributes ({@code fill="…"}) because the CSP forbids inline styles.
 */
final class Badge {
    private Badge() {}

    static final String NEUTRAL = "#6B7280";
    static final String LIGHT_LETTER = "#FFFFFF";
    static final String DARK_LETTER = "#111827";
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    /** An {@code <svg>} badge of {@code size} CSS pixels, hidden from assistive technology (the name is nearby). */
    static String svg(String name, String color, int size, String cssClass) {
        String bg = colour(color);
        String letter = letter(name);
        int radius = Math.round(size * 0.24f);
        int fontSize = Math.round(size * 0.5f);
        return "<svg class=\"" + cssClass + "\" width=\"" + size + "\" height=\"" + size + "\" viewBox=\"0 0 " + size
                + " " + size + "\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"" + size + "\" height=\""
                + size + "\" rx=\"" + radius + "\" fill=\"" + bg + "\"/><text x=\"50%\" y=\"50%\" dy=\"0.35em\""
                + " text-anchor=\"middle\" font-size=\"" + fontSize + "\" fill=\"" + letterColour(bg) + "\">"
                + Html.esc(letter) + "</text></svg>";
    }

    /** The brand colour, upper-cased, or neutral grey when missing or not {@code #RRGGBB}. */
    static String colour(String color) {
        return color != null && HEX.matcher(color).matches() ? color.toUpperCase(Locale.ROOT) : NEUTRAL;
    }

    /** The first letter or digit of the name, upper-cased; "?" when there is none. */
    static String letter(String name) {
        if (name != null) {
            for (int i = 0; i < name.length(); ) {
                int cp = name.codePointAt(i);
                if (Character.isLetterOrDigit(cp)) {
                    return new String(Character.toChars(Character.toUpperCase(cp)));
                }
                i += Character.charCount(cp);
            }
        }
        return "?";
    }

    /** White or near-black, whichever contrasts more with the background (WCAG relative luminance). */
    static String letterColour(String bg) {
        double l = luminance(bg);
        double withWhite = 1.05 / (l + 0.05);
        double withDark = (l + 0.05) / (luminance(DARK_LETTER) + 0.05);
        return withWhite >= withDark ? LIGHT_LETTER : DARK_LETTER;
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int v) {
        double c = (v & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
