package dev.keyway.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * bin/dev's OAuth provider: mock-oauth2-server (NAV's, a real authorization server that Keyway
 * did not write) on loopback with its interactive login page, so a newcomer can run a whole
 * OAuth connection in the browser without registering an app anywhere. Any username works.
 */
final class DemoProvider implements AutoCloseable {
    static final String ISSUER = "demo";
    static final String CLIENT_ID = "keyway-demo";
    /** Not a secret: mock-oauth2-server accepts any client; it is here because OAuth connectors need one. */
    static final String CLIENT_SECRET = "demo-client-secret";

    private final MockOAuth2Server server;

    DemoProvider(int port) throws UnknownHostException {
        server = new MockOAuth2Server(new OAuth2Config(true));
        server.start(InetAddress.getByName("127.0.0.1"), port);
    }

    String issuerUrl() {
        return loopback(server.issuerUrl(ISSUER).toString());
    }

    /** The demo OAuth connector: a custom provider pointing at this server. */
    String connectorBody() {
        return """
                {"provider": "custom",
                 "displayName": "Demo OAuth",
                 "baseUrl": "%s",
                 "authMethods": [
                   {"id": "oauth", "type": "OAUTH2", "clientId": "%s", "clientSecret": "%s",
                    "scopes": ["openid", "profile"],
                    "authorizationUrl": "%s", "tokenUrl": "%s"}]}
                """.formatted(issuerUrl(), CLIENT_ID, CLIENT_SECRET,
                loopback(server.authorizationEndpointUrl(ISSUER).toString()),
                loopback(server.tokenEndpointUrl(ISSUER).toString()));
    }

    /** mock-oauth2-server names itself "localhost"; local-mode connectors use 127.0.0.1 (no DNS, no IPv6 surprise). */
    private static String loopback(String url) {
        return url.replace("://localhost:", "://127.0.0.1:");
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
