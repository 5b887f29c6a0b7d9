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

    /**
     * What every portal link carries besides the session: the opener/embedder origin a popup or
     * iframe reports to, and the page a full-page flow returns to (both checked against the app's
     * allowed origins on every request). Either may be null.
     */
    public record Carry(String origin, String returnTo) {
        public static final Carry NONE = new Carry(null, null);
    }

    public static String home(String token, Carry carry) {
        return "/connect" + query(params(token, carry, null));
    }

    public static String connector(String token, String connectorKey, Carry carry, String methodId) {
        return "/connect/" + encode(connectorKey) + query(params(token, carry, methodId));
    }

    public static String oauthStart(String token, String connectorKey, Carry carry, String methodId) {
        return "/connect/" + encode(connectorKey) + "/oauth" + query(params(token, carry, methodId));
    }

    /** The carry as hidden form fields. */
    public static Map<String, String> hidden(Carry carry) {
        Map<String, String> hidden = new LinkedHashMap<>();
        if (carry.origin() != null) {
            hidden.put("origin", carry.origin());
        }
        if (carry.returnTo() != null) {
            hidden.put("return", carry.returnTo());
        }
        return hidden;
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

    private static Map<String, String> params(String token, Carry carry, String methodId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("session", token);
        if (methodId != null) {
            params.put("method", methodId);
        }
        params.putAll(hidden(carry));
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
