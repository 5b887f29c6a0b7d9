package dev.keyway.upstream;

import dev.keyway.core.KeywayException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Puts a credential on an outgoing request: a header ({@code prefix + value}, replacing any
 * header of that name the caller sent) or a query parameter (replacing any parameter of that
 * name). The caller never chooses the credential; it can only be overwritten by it.
 */
public final class CredentialInjector {

    /** The request's headers and raw query with the credential in place. */
    public record Injected(List<Header> headers, String rawQuery) {
        @Override
        public String toString() {
            return "Injected[" + headers.size() + " headers]";
        }
    }

    private CredentialInjector() {
    }

    public static Injected apply(UpstreamCredential credential, List<Header> headers, String rawQuery) {
        if (credential.secret() instanceof UpstreamCredential.Secret.ClientCertificate) {
            // Presented in the handshake (see ClientTls): the request itself carries nothing.
            return new Injected(List.copyOf(headers), rawQuery == null ? "" : rawQuery);
        }
        String value = value(credential);
        List<Header> out = new ArrayList<>(headers.size() + 1);
        for (Header h : headers) {
            if (credential.location() == UpstreamCredential.Location.HEADER && h.is(credential.name())) {
                continue;
            }
            out.add(h);
        }
        String query = rawQuery == null ? "" : rawQuery;
        if (credential.location() == UpstreamCredential.Location.HEADER) {
            out.add(new Header(credential.name(), value));
        } else {
            query = withParameter(query, credential.name(), value);
        }
        return new Injected(List.copyOf(out), query);
    }

    /** What is sent: {@code prefix + token}, or {@code prefix + base64(username:password)} for Basic. */
    public static String value(UpstreamCredential credential) {
        String raw = switch (credential.secret()) {
            case UpstreamCredential.Secret.Token t -> t.value();
            case UpstreamCredential.Secret.UserPassword up -> up.username() == null ? null
                    : basic(up.username(), up.password());
            case UpstreamCredential.Secret.ClientCertificate c -> null;
        };
        if (raw == null || raw.isEmpty()) {
            throw new KeywayException(409, "credential_missing",
                    "the linked account holds no credential that can be sent to the provider");
        }
        String value = credential.prefix() + raw;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                // A CR/LF in a stored token would otherwise split the header (request smuggling).
                throw new KeywayException(409, "credential_unusable",
                        "the linked account's credential contains control characters and cannot be sent");
            }
        }
        return value;
    }

    /** base64(username:password), UTF-8, as RFC 7617 sends it. */
    public static String basic(String username, String password) {
        String pair = username + ":" + (password == null ? "" : password);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code rawQuery} without any parameter called {@code name}, then {@code name=value} appended. */
    static String withParameter(String rawQuery, String name, String value) {
        StringBuilder out = new StringBuilder();
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (pair.isEmpty() || decode(key).equals(name)) {
                    continue;
                }
                out.append(pair).append('&');
            }
        }
        return out.append(encode(name)).append('=').append(encode(value)).toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
