package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.Injection;
import dev.keyway.core.KeywayException;
import dev.keyway.upstream.UpstreamCredential;
import dev.keyway.upstream.UpstreamCredential.Location;
import dev.keyway.upstream.UpstreamCredential.Secret;

/**
 * A resolved linked account's credentials in the terms of {@code keyway-upstream}, which knows
 * neither linked accounts nor connectors: what to send (access token, API key, or the Basic
 * pair, or an API key sent as a Basic user name), where the auth method's injection rule puts it, and
 * every stored secret to redact.
 */
public final class UpstreamCredentials {
    private UpstreamCredentials() {
    }

    public static UpstreamCredential of(ResolvedAccount account) {
        return of(account.credentials(), account.injection());
    }

    public static UpstreamCredential of(Credentials credentials, Injection injection) {
        Injection rule = injection == null ? Injection.BEARER : injection;
        Secret secret = switch (credentials) {
            case Credentials.OAuth2 o -> new Secret.Token(o.accessToken());
            // An API key some providers take as a Basic user name (Freshdesk: apiKey:X).
            case Credentials.ApiKey k -> rule.basicPassword() == null ? new Secret.Token(k.apiKey())
                    : new Secret.UserPassword(k.apiKey(), rule.basicPassword());
            case Credentials.Basic b -> new Secret.UserPassword(b.username(), b.password());
            case Credentials.ClientCredentials c -> {
                if (c.accessToken() == null || c.accessToken().isEmpty()) {
                    throw new KeywayException(409, "access_token_missing", "the linked account has no access token"
                            + " yet; refresh it (POST /v1/linked-accounts/{id}/refresh) before using the proxy");
                }
                yield new Secret.Token(c.accessToken());
            }
            case Credentials.Custom c -> throw CustomFields.notProxied();
            case Credentials.ClientCertificate c ->
                    new Secret.ClientCertificate(c.certificate(), c.privateKey(), c.trustedCa());
            case Credentials.JwtBearer j -> {
                if (j.accessToken() == null || j.accessToken().isEmpty()) {
                    throw new KeywayException(409, "access_token_missing", "the linked account has no access token"
                            + " yet; refresh it (POST /v1/linked-accounts/{id}/refresh) before using the proxy");
                }
                yield new Secret.Token(j.accessToken());
            }
        };
        Location location = rule.in() == Injection.In.QUERY ? Location.QUERY : Location.HEADER;
        return new UpstreamCredential(location, rule.name(), rule.prefix(), secret, credentials.secretValues());
    }
}
