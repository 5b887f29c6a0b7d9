package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.Injection;
import java.util.Map;

/**
 * Everything trusted code needs to call the provider as the end user: the credentials and how
 * to apply them. Exists only inside resolve, proxy and refresh; never serialised to an API.
 *
 * @param baseUrl             the connector's base URL with connection-config placeholders filled in
 * @param allowPrivateNetwork true only for a local-mode app's custom connector (loopback test servers)
 */
public record ResolvedAccount(
        LinkedAccount account,
        Credentials credentials,
        Injection injection,
        String baseUrl,
        Map<String, String> defaultHeaders,
        boolean allowPrivateNetwork) {

    @Override
    public String toString() {
        return "ResolvedAccount[" + account.id() + ", " + baseUrl + "]";
    }
}
