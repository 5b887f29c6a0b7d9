package dev.keyway.upstream;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A credential as the wire sees it: what to send ({@link Secret}), where ({@code location},
 * {@code name}, {@code prefix}), and every stored secret value of the linked account, so that
 * none of them comes back out of the proxy. Mirrors the connector's injection rule without
 * depending on the connectors module (this module stays free of storage).
 *
 * @param otherSecrets secret values that are not sent but must still be redacted (a refresh
 *                     token, a client secret); the sent ones are included automatically
 */
public record UpstreamCredential(Location location, String name, String prefix, Secret secret,
                                 Collection<String> otherSecrets) {

    public enum Location { HEADER, QUERY }

    /** The value that is sent. */
    public sealed interface Secret {
        /** An access token (OAuth2, client credentials) or an API key, sent as {@code prefix + value}. */
        record Token(String value) implements Secret {
            @Override
            public String toString() {
                return "Token[***]";
            }
        }

        /**
         * Basic: sent as {@code prefix + base64(username:password)}; also an API key that a provider
         * takes as the Basic user name, with a fixed password (Freshdesk: {@code apiKey:X}).
         */
        record UserPassword(String username, String password) implements Secret {
            @Override
            public String toString() {
                return "UserPassword[***]";
            }
        }

        /**
         * Mutual TLS: nothing goes in a header or the query; the client certificate (PEM chain) and
         * its PKCS#8 private key are presented in the TLS handshake, from memory only. {@code trustedCa},
         * when set, is the PEM of the private CA that signed the upstream's server certificate.
         */
        record ClientCertificate(String certificate, String privateKey, String trustedCa) implements Secret {
            @Override
            public String toString() {
                return "ClientCertificate[***]";
            }
        }
    }

    public UpstreamCredential {
        boolean handshakeOnly = secret instanceof Secret.ClientCertificate;
        if (location == null || secret == null || (!handshakeOnly && (name == null || name.isEmpty()))) {
            throw new IllegalArgumentException("a credential needs a location, a name and a secret");
        }
        prefix = prefix == null ? "" : prefix;
        otherSecrets = otherSecrets == null ? Set.of() : Set.copyOf(otherSecrets.stream()
                .filter(s -> s != null && !s.isEmpty()).toList());
    }

    /** A client certificate presented in the TLS handshake, and nothing else sent. */
    public static UpstreamCredential clientCertificate(String certificate, String privateKey, String trustedCa) {
        return new UpstreamCredential(Location.HEADER, "", "", new Secret.ClientCertificate(certificate, privateKey,
                trustedCa), Set.of());
    }

    /** {@code Authorization: Bearer <token>}, the OAuth2 default. */
    public static UpstreamCredential bearer(String accessToken, Collection<String> otherSecrets) {
        return new UpstreamCredential(Location.HEADER, "Authorization", "Bearer ",
                new Secret.Token(accessToken), otherSecrets);
    }

    /** {@code Authorization: Basic base64(username:password)}. */
    public static UpstreamCredential basic(String username, String password) {
        return new UpstreamCredential(Location.HEADER, "Authorization", "Basic ",
                new Secret.UserPassword(username, password), Set.of());
    }

    /** Every value that must never leave Keyway in a response: the sent secret parts and the others. */
    public Set<String> secretValues() {
        Set<String> values = new LinkedHashSet<>(otherSecrets);
        switch (secret) {
            case Secret.Token t -> values.add(t.value());
            case Secret.UserPassword up -> {
                values.add(up.username());
                values.add(up.password());
            }
            case Secret.ClientCertificate c -> values.add(c.privateKey());
        }
        values.remove(null);
        values.remove("");
        return values;
    }

    @Override
    public String toString() {
        return "UpstreamCredential[" + location + " " + name + "]";
    }
}
