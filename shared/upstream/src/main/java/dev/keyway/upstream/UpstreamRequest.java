package dev.keyway.upstream;

import java.util.List;

/**
 * What the caller asks the provider, before Keyway touches it.
 *
 * @param rawPath  relative to the connector's base URL, percent-encoded as sent, no leading slash
 * @param rawQuery percent-encoded as sent; "" for none
 * @param body     exact bytes; empty for none
 */
public record UpstreamRequest(String method, String rawPath, String rawQuery, List<Header> headers, byte[] body) {

    public UpstreamRequest {
        rawPath = rawPath == null ? "" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The query may carry values the caller considers private; the path is enough to debug with. */
    @Override
    public String toString() {
        return "UpstreamRequest[" + method + " " + rawPath + "]";
    }
}
