package dev.keyway.connect;

import java.util.List;
import java.util.Map;

/** What a portal route answers: an HTML page, a static asset, or a redirect, with any cookies to set. */
public record PortalResponse(int status, Map<String, String> headers, String body, List<String> cookies,
                             String location) {
    public PortalResponse {
        headers = Map.copyOf(headers);
        cookies = cookies == null ? List.of() : List.copyOf(cookies);
    }

    public boolean redirect() {
        return location != null;
    }

    @Override
    public String toString() {
        return "PortalResponse[" + status + (location == null ? "" : ", redirect") + "]";
    }
}
