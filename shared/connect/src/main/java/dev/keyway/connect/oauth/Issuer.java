package dev.keyway.connect.oauth;

import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.linkedaccounts.Placeholders;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 9207: a provider that sends {@code iss} on the callback says which authorization server
 * answered, which defeats mix-up attacks. Without issuer metadata for the provider, the check is
 * that {@code iss} names the same scheme and host as the authorization endpoint the flow used;
 * a mixed-up response comes from another server, so another host.
 */
final class Issuer {
    private Issuer() {
    }

    static boolean matches(OAuth2Settings settings, Map<String, String> config, String iss) {
        if (iss == null) {
            return true;
        }
        try {
            URI expected = URI.create(Placeholders.fill(settings.authorizationUrl(), config));
            URI actual = URI.create(iss);
            return actual.getScheme() != null && actual.getHost() != null
                    && actual.getScheme().equalsIgnoreCase(expected.getScheme())
                    && actual.getHost().toLowerCase(Locale.ROOT).equals(expected.getHost().toLowerCase(Locale.ROOT))
                    && actual.getPort() == expected.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
