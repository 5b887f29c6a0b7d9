package dev.keyway.upstream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** What a {@code Content-Type} says about a body: text or binary, and in which charset. */
public final class ContentTypes {
    private ContentTypes() {
    }

    /**
     * Text-like media types: {@code text/*}, JSON and XML in any flavour ({@code +json},
     * {@code ndjson}, {@code problem+xml}…), JavaScript, form data, YAML, GraphQL. A missing
     * type counts as text when the bytes are valid UTF-8.
     */
    public static boolean isText(String contentType, byte[] body) {
        if (contentType == null || contentType.isBlank()) {
            return validUtf8(body);
        }
        String type = mediaType(contentType);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.contains("yaml") || type.contains("graphql")
                || type.equals("application/x-www-form-urlencoded");
    }

    /** Text whose bytes are valid UTF-8 (declared UTF-8 or US-ASCII, or no charset). */
    public static boolean isUtf8Text(String contentType, byte[] body) {
        if (!isText(contentType, body)) {
            return false;
        }
        Optional<String> charset = charsetName(contentType);
        if (charset.isPresent() && !charset.get().equals("utf-8") && !charset.get().equals("utf8")
                && !charset.get().equals("us-ascii")) {
            return false;
        }
        return validUtf8(body);
    }

    /** A declared charset the JVM knows that is not ASCII-compatible (UTF-16, UTF-32), if any. */
    public static Optional<Charset> wideCharset(String contentType) {
        return charsetName(contentType)
                .filter(name -> name.startsWith("utf-16") || name.startsWith("utf-32")
                        || name.startsWith("utf16") || name.startsWith("utf32"))
                .flatMap(name -> {
                    try {
                        return Optional.of(Charset.forName(name));
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                });
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static Optional<String> charsetName(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String value = p.substring(8).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return Optional.of(value.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    static boolean validUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
