package dev.keyway.bench.refresh;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * The provider's token endpoint, run by {@link TokenServer} in a JVM of its own: NAV's
 * mock-oauth2-server on 127.0.0.1, a free port, on its Netty server rather than its default OkHttp
 * MockWebServer, which on a kept-alive connection stalls each answer about 40 ms (Nagle's algorithm
 * against the client's delayed ACK): a stall no provider has that would swamp what is measured.
 * Prints {@code token-url <url>} once it listens, and stops when its standard input closes (the
 * bench ended, however it ended).
 */
public final class TokenServerMain {
    static final String READY = "token-url ";

    private TokenServerMain() {
    }

    public static void main(String[] args) throws IOException {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(), Set.of(), new NettyWrapper()));
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        System.out.println(READY + server.tokenEndpointUrl(TokenServer.ISSUER));
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing to read: the parent never writes; end of input means it is gone
        }
        server.shutdown();
        System.exit(0);
    }
}
