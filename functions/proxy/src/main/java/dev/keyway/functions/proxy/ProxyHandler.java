package dev.keyway.functions.proxy;

import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import dev.keyway.http.ApiHandler;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.http.Routes;
import dev.keyway.proxy.ProxyRequest;
import dev.keyway.proxy.ProxyService;
import dev.keyway.upstream.Header;
import dev.keyway.upstream.UpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ANY /v1/proxy/{linkedAccountId}/{path+}}: the provider's API, as the linked account. */
public final class ProxyHandler extends ApiHandler {
    // Parse the provider catalog on another thread while this init builds the AWS clients (bin/bench coldstart).
    static {
        ProviderCatalog.preload();
    }

    static final String ROUTE = "ANY /v1/proxy/{linkedAccountId}/{path+}";
    static final String LINKED_ACCOUNT_ID = "linkedAccountId";

    public ProxyHandler() {
        this(DaggerProxyComponent.create().proxy());
    }

    ProxyHandler(ProxyService proxy) {
        super(new Routes().app(ROUTE, (appId, request) -> forward(proxy, appId, request)));
    }

    private static ApiResponse forward(ProxyService proxy, String appId, ApiRequest request) {
        String linkedAccountId = request.pathParameter(LINKED_ACCOUNT_ID);
        List<Header> headers = new ArrayList<>();
        request.headers().forEach((name, value) -> headers.add(new Header(name, value)));
        UpstreamResponse response = proxy.forward(appId, new ProxyRequest(linkedAccountId, request.method(),
                proxiedPath(request, linkedAccountId), request.rawQueryString(), headers,
                request.bodyBytes(ProxyService.MAX_REQUEST_BODY_BYTES)));
        return ApiResponse.raw(response.status(), responseHeaders(response), response.body(), response.utf8Text());
    }

    /**
     * The part of the raw (still percent-encoded) path after {@code /v1/proxy/{id}/}: the path
     * parameter is already decoded, so {@code %2e%2e} or {@code %2f} would be invisible in it.
     * The raw path may carry a stage or custom-domain prefix, hence the search. Events without a
     * raw path (hand-written samples) fall back to the decoded parameter, re-encoded.
     */
    static String proxiedPath(ApiRequest request, String linkedAccountId) {
        String marker = "/v1/proxy/" + linkedAccountId + "/";
        var raw = request.rawPath();
        if (raw.isPresent()) {
            int at = raw.get().indexOf(marker);
            if (at < 0) {
                throw KeywayException.invalid("the request path does not start with " + marker);
            }
            return raw.get().substring(at + marker.length());
        }
        StringBuilder out = new StringBuilder();
        for (String segment : request.pathParameter("path").split("/", -1)) {
            out.append(out.isEmpty() ? "" : "/")
                    .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    /** HTTP API responses carry one value per header name: repeated headers are joined, as RFC 9110 allows. */
    private static Map<String, String> responseHeaders(UpstreamResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : response.headers()) {
            headers.merge(h.name().toLowerCase(Locale.ROOT), h.value(), (a, b) -> a + ", " + b);
        }
        if (response.redacted()) {
            headers.put("x-keyway-redacted", "true");
        }
        return headers;
    }
}
