package dev.keyway.upstream;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every stored secret value an upstream echoes back with {@value #MARK}: the value
 * itself, its URL-encoded, base64 (standard and URL-safe, padded or not) and JSON-escaped
 * ({@code \/}) forms, and for Basic the {@code username:password} pair in plain and base64.
 *
 * <p>Matching is on bytes (each byte read as one ISO-8859-1 char, so nothing is decoded and
 * binary survives untouched where no secret occurs); the secrets are matched by their UTF-8
 * bytes, which covers UTF-8 and every ASCII-compatible charset. Values shorter than
 * {@value #MIN_LENGTH} characters are not matched: replacing them would mangle ordinary
 * content (a 4-digit user name inside every number) and no real key or token is that short.
 * Longest forms are replaced first, so a base64 pair is gone before its parts are looked for.
 */
public final class Redactor {
    public static final String MARK = "[REDACTED]";
    public static final int MIN_LENGTH = 6;
    private static final Redactor NONE = new Redactor(List.of(), List.of());

    /** The forms as UTF-8 bytes viewed as ISO-8859-1 text, longest first. */
    private final List<String> byteForms;
    /** The forms as Java strings, for text decoded from a non-ASCII-compatible charset. */
    private final List<String> textForms;

    private Redactor(List<String> byteForms, List<String> textForms) {
        this.byteForms = byteForms;
        this.textForms = textForms;
    }

    /** A redactor for a credential's secret values (and its Basic pair, if any). */
    public static Redactor of(UpstreamCredential credential) {
        Set<String> values = new LinkedHashSet<>(credential.secretValues());
        if (credential.secret() instanceof UpstreamCredential.Secret.UserPassword up && up.username() != null) {
            String pair = up.username() + ":" + (up.password() == null ? "" : up.password());
            values.add(pair);
        }
        return of(values);
    }

    public static Redactor of(Collection<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_LENGTH) {
                continue;
            }
            forms.addAll(forms(secret));
        }
        if (forms.isEmpty()) {
            return NONE;
        }
        List<String> text = new ArrayList<>(forms);
        text.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        List<String> bytes = text.stream()
                .map(f -> new String(f.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
        return new Redactor(bytes, List.copyOf(text));
    }

    private static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20"));
        forms.add(lowerHex(form));
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(utf8);
        forms.add(b64);
        forms.add(stripPadding(b64));
        String b64url = Base64.getUrlEncoder().encodeToString(utf8);
        forms.add(b64url);
        forms.add(stripPadding(b64url));
        forms.add(secret.replace("/", "\\/"));
        forms.removeIf(f -> f.length() < MIN_LENGTH);
        return forms;
    }

    public boolean isEmpty() {
        return byteForms.isEmpty();
    }

    /** A header value (the JDK hands these over as one char per byte). */
    public String redact(String headerValue) {
        return replace(headerValue, byteForms);
    }

    /** What a body becomes, and whether anything was replaced. */
    public record Result(byte[] body, boolean changed) {
    }

    /** A body in UTF-8 or any ASCII-compatible charset, or binary: matched byte for byte. */
    public Result redact(byte[] body) {
        if (byteForms.isEmpty() || body.length == 0) {
            return new Result(body, false);
        }
        String view = new String(body, StandardCharsets.ISO_8859_1);
        String out = replace(view, byteForms);
        return out == view ? new Result(body, false) : new Result(out.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    /** A text body in a charset that is not ASCII-compatible (UTF-16, UTF-32): decoded, redacted, re-encoded. */
    public Result redact(byte[] body, Charset charset) {
        if (textForms.isEmpty() || body.length == 0) {
            return new Result(body, false);
        }
        String text = new String(body, charset);
        String out = replace(text, textForms);
        return out == text ? new Result(body, false) : new Result(out.getBytes(charset), true);
    }

    /** {@code s} itself when no form occurs, so callers can tell "unchanged" by identity. */
    private static String replace(String s, List<String> forms) {
        String current = s;
        for (String form : forms) {
            int at = current.indexOf(form);
            if (at < 0) {
                continue;
            }
            StringBuilder out = new StringBuilder(current.length());
            int from = 0;
            while (at >= 0) {
                out.append(current, from, at).append(MARK);
                from = at + form.length();
                at = current.indexOf(form, from);
            }
            current = out.append(current, from, current.length()).toString();
        }
        return current;
    }

    private static String stripPadding(String b64) {
        int end = b64.length();
        while (end > 0 && b64.charAt(end - 1) == '=') {
            end--;
        }
        return b64.substring(0, end);
    }

    private static String lowerHex(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out.append('%').append(Character.toLowerCase(encoded.charAt(i + 1)))
                        .append(Character.toLowerCase(encoded.charAt(i + 2)));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Redactor[" + byteForms.size() + " forms]";
    }
}
