package dev.keyway.proxy;

import dev.keyway.upstream.Header;
import java.util.List;

/**
 * A call to {@code ANY /v1/proxy/{linkedAccountId}/{path+}}, as the caller sent it.
 *
 * @param rawPath  the part after {@code /v1/proxy/{linkedAccountId}/}, still percent-encoded
 * @param rawQuery still percent-encoded; "" for none
 * @param body     exact bytes; empty for none
 */
public record ProxyRequest(String linkedAccountId, String method, String rawPath, String rawQuery,
                           List<Header> headers, byte[] body) {

    public ProxyRequest {
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    @Override
    public String toString() {
        return "ProxyRequest[" + method + " " + linkedAccountId + "]";
    }
}
