package dev.keyway.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.keyway.apps.AppAdminService;
import dev.keyway.apps.AppRepository;
import dev.keyway.audit.AuthLog;
import dev.keyway.storage.KeywayTable;
import dev.keyway.testing.LocalAws;
import dev.keyway.testing.LocalAwsExtension;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mutual TLS through the proxy over real HTTP on the local runner: an HTTPS server (the JDK's)
 * that requires a client certificate signed by its CA, certificates made here with Bouncy Castle.
 * The account with the right certificate reaches it (the server names the certificate it saw);
 * the account with a certificate from another CA gets a 502 JSON error with a code; the private
 * keys appear in no answer.
 */
@ExtendWith(LocalAwsExtension.class)
class MtlsProxyTest {
    private static LocalRunner runner;
    private static RecordingHttp http;
    private static HttpsServer upstream;
    private static String key;
    private static Issued ca;
    private static Issued goodClient;
    private static Issued strangerClient;

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {
        String certificatePem() throws Exception {
            return pem("CERTIFICATE", certificate.getEncoded());
        }

        String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        ca = issue("CN=Acme Test CA", null, true, null);
        Issued server = issue("CN=127.0.0.1", ca, false, "127.0.0.1");
        goodClient = issue("CN=keyway-client", ca, false, null);
        strangerClient = issue("CN=stranger", issue("CN=Other CA", null, true, null), false, null);
        upstream = httpsServer(server);

        runner = LocalRunner.start(aws.stack(), 0);
        http = new RecordingHttp(runner.baseUrl());
        var table = new KeywayTable(aws.dynamoDb(), aws.config().tableName());
        var admin = new AppAdminService(table, new AppRepository(table), new AuthLog(table, Clock.systemUTC()),
                Clock.systemUTC());
        String appId = admin.createApp("mTLS", true, "mtls-test").id();
        key = admin.createKey(appId, "mtls-test").secretKey();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void theProxyPresentsTheAccountsCertificate_andFailsClearlyWithAWrongOne() throws Exception {
        var connector = http.put("/v1/connectors/onprem", key, Map.of("provider", "custom", "displayName", "On-prem API",
                "baseUrl", "https://127.0.0.1:" + upstream.getAddress().getPort() + "/api",
                "authMethods", List.of(Map.of("id", "cert", "type", "MTLS"))));
        assertThat(connector.status()).as(connector.toString()).isEqualTo(201);

        String good = importAccount("u-good", goodClient);
        var reached = http.get("/v1/proxy/" + good + "/whoami", key);
        assertThat(reached.status()).as(reached.toString()).isEqualTo(200);
        assertThat(reached.json().get("client").asText()).isEqualTo("CN=keyway-client");
        assertThat(reached.json().get("path").asText()).isEqualTo("/api/whoami");

        String stranger = importAccount("u-stranger", strangerClient);
        var refused = http.get("/v1/proxy/" + stranger + "/whoami", key);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(502);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("upstream_tls_failed");
        assertThat(refused.json().at("/error/message").asText()).contains("client certificate");

        // Without the private CA the server's own certificate is not trusted: a TLS failure too, not a hang.
        var untrusting = http.post("/v1/linked-accounts/import", key, Map.of("connector", "onprem", "authMethod", "cert",
                "endUserId", "u-no-ca", "credentials", Map.of("certificate", goodClient.certificatePem(),
                        "privateKey", goodClient.privateKeyPem())));
        String noCa = untrusting.json().at("/linkedAccount/id").asText();
        assertThat(http.get("/v1/proxy/" + noCa + "/whoami", key).json().at("/error/code").asText())
                .isEqualTo("upstream_tls_failed");

        var broken = http.post("/v1/linked-accounts/import", key, Map.of("connector", "onprem", "authMethod", "cert",
                "endUserId", "u-broken", "credentials", Map.of("certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                        "privateKey", goodClient.privateKeyPem())));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().at("/error/message").asText()).startsWith("credentials: the linked account's");

        String keyBody = Base64.getEncoder().encodeToString(goodClient.keys().getPrivate().getEncoded()).substring(0, 64);
        String strangerKeyBody = Base64.getEncoder().encodeToString(strangerClient.keys().getPrivate().getEncoded()).substring(0, 64);
        for (var exchange : http.exchanges) {
            assertThat(exchange.response()).as(exchange.path()).doesNotContain(keyBody).doesNotContain(strangerKeyBody)
                    .doesNotContain("PRIVATE KEY");
        }
    }

    private static String importAccount(String endUserId, Issued client) throws Exception {
        var imported = http.post("/v1/linked-accounts/import", key, Map.of("connector", "onprem", "authMethod", "cert",
                "endUserId", endUserId, "credentials", Map.of("certificate", client.certificatePem(),
                        "privateKey", client.privateKeyPem(), "trustedCa", ca.certificatePem())));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        return imported.json().at("/linkedAccount/id").asText();
    }

    /** Answers who the client certificate says it is; the handshake fails for any other CA's. */
    private static HttpsServer httpsServer(Issued server) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.keys().getPrivate(), new char[0],
                new java.security.cert.Certificate[] {server.certificate(), ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                var parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        https.createContext("/", exchange -> {
            var peer = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            byte[] body = dev.keyway.core.Json.write(Map.of("client", peer.getSubjectX500Principal().getName(),
                    "path", exchange.getRequestURI().getPath())).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        return https;
    }

    /** A certificate for {@code subject}, signed by {@code issuer} (self-signed when null). */
    private static Issued issue(String subject, Issued issuer, boolean isCa, String ipAddress) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                issuer == null ? new X500Name(subject) : new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (ipAddress != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, ipAddress)));
        }
        var signer = new JcaContentSignerBuilder("SHA256withRSA")
                .build(issuer == null ? keys.getPrivate() : issuer.keys().getPrivate());
        return new Issued(keys, new JcaX509CertificateConverter().getCertificate(builder.build(signer)));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
