package dev.keyway.linkedaccounts;

import dev.keyway.connectors.catalog.CredentialCheck;
import dev.keyway.core.KeywayException;
import dev.keyway.upstream.HostGuard;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The credential check of a CUSTOM account: a TCP connect to host:port for systems that do not
 * speak HTTP (a database, an SFTP server), or an HTTP GET of a health URL that must answer 2xx.
 * Host, port and URL come from the account's non-secret fields; the address rules are the
 * proxy's (only a local-mode app may reach private addresses). Neither sends the account's
 * secret fields (Keyway speaks no database protocol), so a check says the system is reachable,
 * never that a password is wrong: it accepts, or is unavailable (DEGRADED), never NEEDS_REAUTH.
 */
final class CustomCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();

    private CustomCheck() {
    }

    static CredentialVerifier.Verdict run(CredentialCheck check, ResolvedAccount account) {
        var config = account.account().connectionConfig();
        try {
            if (check.tcp()) {
                String host = Placeholders.fill(check.host(), config);
                int port = Integer.parseInt(Placeholders.fill(check.port(), config));
                guard(host, account);
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
                    return CredentialVerifier.Verdict.ACCEPTED;
                }
            }
            URI uri = URI.create(Placeholders.fill(check.url(), config));
            guard(uri.getHost(), account);
            int status = HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? CredentialVerifier.Verdict.ACCEPTED : CredentialVerifier.Verdict.UNAVAILABLE;
        } catch (IOException | IllegalArgumentException e) {
            return CredentialVerifier.Verdict.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CredentialVerifier.Verdict.UNAVAILABLE;
        }
    }

    private static void guard(String host, ResolvedAccount account) {
        if (host == null) {
            throw new KeywayException(409, "check_host_missing", "the check has no host");
        }
        if (!account.allowPrivateNetwork()) {
            HostGuard.check(host);
        }
    }
}
