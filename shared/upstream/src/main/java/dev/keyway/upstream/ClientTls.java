package dev.keyway.upstream;

import dev.keyway.core.KeywayException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of one mutual-TLS call: a KeyManager holding the linked account's client
 * certificate and key, built in memory from the decrypted PEM for this call and dropped after it
 * (no key store file, no cache that outlives the request), and the JDK's trust store — or, when the
 * account names one, only its private CA. Messages never quote the PEM.
 */
public final class ClientTls {
    private static final char[] IN_MEMORY = new char[0];

    private ClientTls() {
    }

    /** Loads the certificate, key and CA as a call would, so import refuses what a call could not use. */
    public static void check(UpstreamCredential.Secret.ClientCertificate cert) {
        context(cert);
    }

    static SSLContext context(UpstreamCredential.Secret.ClientCertificate cert) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<X509Certificate> chain = certificates(cert.certificate(), "certificate");
            keys.setKeyEntry("client", privateKey(cert.privateKey(), chain.get(0)), IN_MEMORY, chain.toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, IN_MEMORY);

            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (cert.trustedCa() == null || cert.trustedCa().isBlank()) {
                trust.init((KeyStore) null);
            } else {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                List<X509Certificate> cas = certificates(cert.trustedCa(), "trustedCa");
                for (int i = 0; i < cas.size(); i++) {
                    anchors.setCertificateEntry("ca-" + i, cas.get(i));
                }
                trust.init(anchors);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw unusable("the client certificate and key cannot be loaded (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<X509Certificate> certificates(String pem, String field) throws GeneralSecurityException {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw unusable(field + " is not a PEM certificate");
        }
        Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> out = new ArrayList<>();
        parsed.forEach(c -> out.add((X509Certificate) c));
        if (out.isEmpty()) {
            throw unusable(field + " holds no certificate");
        }
        return out;
    }

    /** PKCS#8 PEM; the algorithm is the certificate's (RSA or EC). */
    private static PrivateKey privateKey(String pem, X509Certificate cert) throws GeneralSecurityException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        if (pem == null || !pem.contains(begin) || !pem.contains(end)) {
            throw unusable("privateKey is not a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(pem.indexOf(begin) + begin.length(), pem.indexOf(end)));
        } catch (IllegalArgumentException e) {
            throw unusable("privateKey is not base64 PEM");
        }
        return KeyFactory.getInstance(cert.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static KeywayException unusable(String why) {
        return new KeywayException(409, "client_certificate_unusable", "the linked account's " + why);
    }
}
