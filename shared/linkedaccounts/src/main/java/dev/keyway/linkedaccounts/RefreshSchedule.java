package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.definition.AuthMethodDefinition;
import dev.keyway.connectors.definition.ConnectorDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * When the refresh function should next look at a linked account. Refreshable tokens: before
 * expiry, by the provider's margin from the catalog, else 10% of the token's lifetime bounded to
 * 5-15 minutes. Accounts that do not expire but can be verified (API key, basic, OAuth without
 * expiry): a daily check, spread over the day by account id so they do not all run at once.
 * After a transient failure: exponential backoff with jitter, capped, honouring Retry-After.
 */
@Singleton
public class RefreshSchedule {
    static final Duration MIN_MARGIN = Duration.ofMinutes(5);
    static final Duration MAX_MARGIN = Duration.ofMinutes(15);
    static final Duration CHECK_INTERVAL = Duration.ofDays(1);
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    /** With doubling from one minute, at most six attempts fit in the first hour, then two an hour. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final ProviderCatalog catalog;

    @Inject
    public RefreshSchedule(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    /** The first due time of an account just connected or imported; null when nothing needs doing. */
    public Instant firstDue(String id, ConnectorDefinition connector, AuthMethodDefinition method, Credentials credentials,
                            Instant expiresAt, Instant now) {
        if (expiresAt != null && refreshable(method.type())) {
            return refreshAt(now, expiresAt, margin(connector, method));
        }
        if (checkable(connector, method)) {
            return now.plusSeconds(Math.floorMod(id.hashCode(), (int) CHECK_INTERVAL.toSeconds()));
        }
        return null;
    }

    /** After a successful refresh (issued now) or check. */
    public Instant afterSuccess(String id, ConnectorDefinition connector, AuthMethodDefinition method, Instant expiresAt,
                                Instant now) {
        if (expiresAt != null && refreshable(method.type())) {
            return refreshAt(now, expiresAt, margin(connector, method));
        }
        if (checkable(connector, method)) {
            return now.plus(CHECK_INTERVAL).plusSeconds(Math.floorMod(id.hashCode(), 3600) - 1800);
        }
        return null;
    }

    /** The wait before attempt {@code failures + 1}: 1, 2, 4 … 30 minutes, ±20% jitter, at least Retry-After. */
    public Duration backoff(int failures, Duration retryAfter) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(Math.max(failures - 1, 0), 10);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        long jittered = (long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        long floor = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), MAX_RETRY_AFTER.toMillis());
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    /** A CUSTOM account's fields are not an HTTP credential: its own check (HTTP or TCP), not the verification call. */
    private boolean checkable(ConnectorDefinition connector, AuthMethodDefinition method) {
        return method.type() == AuthType.CUSTOM ? method.check() != null : connector.verification(catalog).isPresent();
    }

    /** OAuth access tokens and client-credentials tokens are refreshed; API keys and passwords only checked. */
    static boolean refreshable(AuthType type) {
        return type == AuthType.OAUTH2 || type == AuthType.OAUTH2_CLIENT_CREDENTIALS || type == AuthType.JWT_BEARER;
    }

    static Instant refreshAt(Instant issuedAt, Instant expiresAt, Duration providerMargin) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return issuedAt;
        }
        Duration margin = providerMargin != null ? providerMargin : clamp(lifetime.dividedBy(10));
        if (margin.compareTo(lifetime) >= 0) {
            margin = lifetime.dividedBy(2);
        }
        return expiresAt.minus(margin);
    }

    private Duration margin(ConnectorDefinition connector, AuthMethodDefinition method) {
        return connector.oauth2(method.id(), catalog).map(OAuth2Settings::refreshMarginSeconds)
                .map(Duration::ofSeconds).orElse(null);
    }

    private static Duration clamp(Duration d) {
        return d.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : d.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : d;
    }
}
