package dev.keyway.linkedaccounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keyway.connectors.catalog.Injection;
import dev.keyway.core.KeywayException;
import dev.keyway.http.Log;
import dev.keyway.upstream.CredentialInjector;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Resolve: credentials for trusted code (connectors, workflows, MCP tools) and how to apply them.
 * Only reachable by Lambda Invoke under IAM, never over HTTP. Use is recorded in a log line per
 * call and in {@code lastUsedAt} at most every few minutes, not in the auth log.
 */
@Singleton
public final class ResolveService {
    /** What the caller sends: an account id, or an end user and a connector. */
    public record Request(String appId, String linkedAccountId, String endUserId, String connector) {
    }

    /** How to put the credential on a request to the provider. */
    public record Apply(String in, String name, String prefix, String value) {
        @Override
        public String toString() {
            return "Apply[" + in + " " + name + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resolved(String linkedAccountId, String connector, String authMethod, String authType,
                           String endUserId, String status, List<String> scopes, String expiresAt,
                           Map<String, String> connectionConfig, String baseUrl, Map<String, String> defaultHeaders,
                           Map<String, String> credentials, Apply apply, Map<String, String> fields) {
        @Override
        public String toString() {
            return "Resolved[" + linkedAccountId + "]";
        }
    }

    private final LinkedAccountRepository accounts;
    private final FreshAccounts fresh;
    private final Clock clock;

    @Inject
    public ResolveService(LinkedAccountRepository accounts, FreshAccounts fresh, Clock clock) {
        this.accounts = accounts;
        this.fresh = fresh;
        this.clock = clock;
    }

    public Resolved resolve(Request request) {
        if (request == null || blank(request.appId())) {
            throw KeywayException.invalid("appId: required");
        }
        String id = !blank(request.linkedAccountId()) ? request.linkedAccountId() : idFor(request);
        long started = System.nanoTime();
        ResolvedAccount resolved = fresh.resolve(request.appId(), id);
        accounts.touchLastUsed(resolved.account(), clock.instant());
        Log.info("linked_account_resolved", Map.of("appId", request.appId(), "linkedAccountId", id,
                "connector", resolved.account().connector(), "ms", (System.nanoTime() - started) / 1_000_000));
        return toResolved(resolved);
    }

    private String idFor(Request request) {
        if (blank(request.endUserId()) || blank(request.connector())) {
            throw KeywayException.invalid("linkedAccountId, or endUserId and connector: required");
        }
        var page = accounts.list(request.appId(), new LinkedAccountRepository.Filter(
                java.util.Optional.of(request.endUserId()), java.util.Optional.of(request.connector()),
                java.util.Optional.empty()), null, 2);
        if (page.items().isEmpty()) {
            throw KeywayException.notFound("end user " + request.endUserId() + " has no linked account for connector '"
                    + request.connector() + "'");
        }
        if (page.items().size() > 1) {
            throw new KeywayException(409, "ambiguous_linked_account", "end user " + request.endUserId()
                    + " has several linked accounts for connector '" + request.connector()
                    + "'; resolve one by linkedAccountId");
        }
        return page.items().get(0).id();
    }

    static Resolved toResolved(ResolvedAccount r) {
        LinkedAccount a = r.account();
        return new Resolved(a.id(), a.connector(), a.authMethod(), a.authType().name(), a.endUserId(), a.status().name(),
                a.scopes(), a.expiresAt() == null ? null : a.expiresAt().toString(), a.connectionConfig(), r.baseUrl(),
                r.defaultHeaders(), resolvedFields(r.credentials()), apply(r.credentials(), r.injection()), customFields(r));
    }

    /** A service account's private key stays inside Keyway: callers get the access token it obtained. */
    private static Map<String, String> resolvedFields(Credentials credentials) {
        if (credentials instanceof Credentials.JwtBearer) {
            Map<String, String> fields = new java.util.LinkedHashMap<>(credentials.fields());
            fields.remove("privateKey");
            return fields;
        }
        return credentials.fields();
    }

    /** A CUSTOM account's whole schema in one map (secret and non-secret values), as a driver wants them; else null. */
    private static Map<String, String> customFields(ResolvedAccount r) {
        if (!(r.credentials() instanceof Credentials.Custom custom)) {
            return null;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(r.account().connectionConfig());
        all.putAll(custom.values());
        return all;
    }

    /** The exact header or query value, so callers need not know each auth type's encoding. */
    static Apply apply(Credentials credentials, Injection injection) {
        String value = switch (credentials) {
            case Credentials.OAuth2 o -> o.accessToken();
            case Credentials.ApiKey k -> k.apiKey() == null || injection.basicPassword() == null ? k.apiKey()
                    : CredentialInjector.basic(k.apiKey(), injection.basicPassword());
            case Credentials.Basic b -> CredentialInjector.basic(b.username(), b.password());
            case Credentials.ClientCredentials c -> c.accessToken();
            case Credentials.JwtBearer j -> j.accessToken();
            // Nothing to put on an HTTP request: the caller uses the fields themselves (a database driver, an SFTP client).
            case Credentials.Custom c -> null;
            case Credentials.ClientCertificate c -> null;
        };
        if (value == null && (credentials instanceof Credentials.Custom || credentials instanceof Credentials.ClientCertificate)) {
            return null;
        }
        return new Apply(injection.in().name().toLowerCase(java.util.Locale.ROOT), injection.name(), injection.prefix(),
                value == null ? null : injection.prefix() + value);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
