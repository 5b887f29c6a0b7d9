package dev.keyway.proxy;

import dev.keyway.core.KeywayException;
import dev.keyway.http.Log;
import dev.keyway.linkedaccounts.LinkedAccountRepository;
import dev.keyway.linkedaccounts.FreshAccounts;
import dev.keyway.linkedaccounts.ResolvedAccount;
import dev.keyway.linkedaccounts.UpstreamCredentials;
import dev.keyway.upstream.Header;
import dev.keyway.upstream.UpstreamClient;
import dev.keyway.upstream.UpstreamRequest;
import dev.keyway.upstream.UpstreamResponse;
import dev.keyway.upstream.UpstreamTarget;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The proxy: a caller's request forwarded to the provider of one of its app's linked accounts,
 * the credential injected, and the answer handed back with every stored secret redacted.
 * Tenant isolation comes from the resolver (another app's account is a 404); the upstream
 * mechanics (URL held to the connector's origin, host guard, no redirects, deadlines, header
 * policy, redaction) from {@link UpstreamClient}.
 *
 * <p>Use is not written to the auth log: each call is one structured log line (never the path,
 * query or headers, which may carry the end user's data) and {@code lastUsedAt} moves at most
 * every few minutes.
 */
@Singleton
public final class ProxyService {
    /**
     * A Lambda invocation carries at most 6 MB, and API Gateway base64-encodes binary bodies, so
     * no larger body can reach a deployed proxy; the same limit, answered with 413, holds in the
     * local runner (whose API Gateway lets 10 MB through).
     */
    public static final int MAX_REQUEST_BODY_BYTES = 5_632 * 1024;
    /** What the response body may take once encoded for Lambda (6 MB, less room for the headers). */
    static final long MAX_ENCODED_RESPONSE_BYTES = 6L * 1024 * 1024 - 128 * 1024;

    private final FreshAccounts fresh;
    private final LinkedAccountRepository accounts;
    private final UpstreamClient upstream;
    private final UnauthorizedRetry unauthorized;
    private final Clock clock;

    @Inject
    public ProxyService(FreshAccounts fresh, LinkedAccountRepository accounts, UpstreamClient upstream,
                        UnauthorizedRetry unauthorized, Clock clock) {
        this.fresh = fresh;
        this.accounts = accounts;
        this.upstream = upstream;
        this.unauthorized = unauthorized;
        this.clock = clock;
    }

    /**
     * @throws KeywayException 404 (unknown or another app's account), 409 {@code needs_reauth}, 400
     *     for a refused path or address, 413, and the upstream errors of {@link UpstreamClient#exchange}
     */
    public UpstreamResponse forward(String appId, ProxyRequest request) {
        long start = System.nanoTime();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("appId", appId);
        line.put("linkedAccountId", request.linkedAccountId());
        line.put("method", request.method());
        try {
            if (request.body().length > MAX_REQUEST_BODY_BYTES) {
                throw new KeywayException(413, "payload_too_large", "request body is " + request.body().length
                        + " bytes; the proxy forwards at most " + MAX_REQUEST_BODY_BYTES);
            }
            ResolvedAccount account = fresh.resolve(appId, request.linkedAccountId());
            line.put("connector", account.account().connector());
            UpstreamResponse response = send(account, request);
            if (response.status() == 401) {
                Optional<ResolvedAccount> retry = unauthorized.refreshed(account);
                if (retry.isPresent()) {
                    line.put("retriedAfter401", true);
                    account = retry.get();
                    response = send(account, request);
                }
            }
            line.put("upstreamStatus", response.status());
            line.put("redacted", response.redacted());
            checkFitsInALambdaResponse(response);
            if (response.status() != 401 && response.status() != 403) {
                touchLastUsed(account);
            }
            line.put("status", response.status());
            return response;
        } catch (KeywayException e) {
            line.put("status", e.status());
            line.put("code", e.code());
            throw e;
        } catch (RuntimeException e) {
            line.put("status", 500);
            line.put("exception", e.getClass().getName());
            throw e;
        } finally {
            line.put("ms", (System.nanoTime() - start) / 1_000_000);
            Log.info("proxy_call", line);
        }
    }

    private UpstreamResponse send(ResolvedAccount account, ProxyRequest request) {
        // The credential first: a CUSTOM account (a database) has none to inject and says so before any URL is built.
        var credential = UpstreamCredentials.of(account);
        UpstreamTarget target = UpstreamTarget.of(account.baseUrl(), account.allowPrivateNetwork());
        UpstreamRequest upstreamRequest = new UpstreamRequest(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), request.body());
        return upstream.exchange(target, upstreamRequest, credential, account.defaultHeaders());
    }

    /** Best effort: a failure to record use never fails a call the provider already answered. */
    private void touchLastUsed(ResolvedAccount account) {
        try {
            accounts.touchLastUsed(account.account(), clock.instant());
        } catch (RuntimeException e) {
            Log.warn("last_used_not_recorded", Map.of("linkedAccountId", account.account().id(),
                    "exception", e.getClass().getName()));
        }
    }

    /** Text travels JSON-escaped, anything else base64 (4/3): either must fit Lambda's 6 MB response. */
    private static void checkFitsInALambdaResponse(UpstreamResponse response) {
        long size = response.utf8Text() ? jsonEscapedLength(response.body()) : (response.body().length + 2L) / 3 * 4;
        for (Header h : response.headers()) {
            size += h.name().length() + h.value().length() + 6;
        }
        if (size > MAX_ENCODED_RESPONSE_BYTES) {
            throw new KeywayException(502, "upstream_response_too_large", "the provider's response takes "
                    + size + " bytes once encoded, more than a Lambda response can hold");
        }
    }

    private static long jsonEscapedLength(byte[] body) {
        long n = 0;
        for (byte b : body) {
            int c = b & 0xff;
            n += c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2
                    : c < 0x20 ? 6 : 1;
        }
        return n;
    }
}
