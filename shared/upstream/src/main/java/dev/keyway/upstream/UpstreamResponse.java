package dev.keyway.upstream;

import java.util.List;
import java.util.Optional;

/**
 * What the provider answered, already safe to hand back: hop-by-hop headers gone, a compressed
 * body inflated, every stored secret redacted.
 *
 * @param redacted whether any secret value was found and replaced
 */
public record UpstreamResponse(int status, List<Header> headers, byte[] body, boolean redacted) {

    public UpstreamResponse {
        headers = List.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst();
    }

    /** True when the body can travel as a JSON string without changing a byte (UTF-8 text). */
    public boolean utf8Text() {
        return ContentTypes.isUtf8Text(header("content-type").orElse(null), body);
    }

    @Override
    public String toString() {
        return "UpstreamResponse[" + status + ", " + body.length + " bytes]";
    }
}
