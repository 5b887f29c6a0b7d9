package dev.keyway.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The portal's own URLs, all relative to the public base URL. */
public final class PortalLinks {
    public static final String ASSETS = "/connect-assets";
    public static final String CALLBACK_PATH = "/oauth/callback";

    private PortalLinks() {
    }

    public static String home(String token, String origin) {
        return "/connect" + query(params(token, origin, null));
    }

    public static String connector(String token, String connectorKey, String origin, String methodId) {
        return "/connect/" + encode(connectorKey) + query(params(token, origin, methodId));
    }

    public static String oauthStart(String token, String connectorKey, String origin, String methodId) {
        return "/connect/" + encode(connectorKey) + "/oauth" + query(params(token, origin, methodId));
    }

    /** Where a form posts: the connector's page, with everything else in hidden fields. */
    public static String form(String connectorKey) {
        return "/connect/" + encode(connectorKey);
    }

    /** {@code url} with {@code params} appended to its query (a returnUrl may already have one). */
    public static String withQuery(String url, Map<String, String> params) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        StringJoiner joiner = new StringJoiner("&");
        params.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        return base + (base.contains("?") ? "&" : "?") + joiner + fragment;
    }

    private static Map<String, String> params(String token, String origin, String methodId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("session", token);
        if (methodId != null) {
            params.put("method", methodId);
        }
        if (origin != null) {
            params.put("origin", origin);
        }
        return params;
    }

    private static String query(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        return joiner.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
