package dev.keyway.linkedaccounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.core.KeywayException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs RFC 7523 assertions with a linked account's private key (Nimbus JOSE + JWT). The key is
 * read from its PEM for each signature and never kept: RSA keys sign RS256, EC P-256 keys ES256.
 * Errors never quote the key.
 */
final class JwtAssertions {
    /** Short-lived on purpose: an assertion is used once, at once (Salesforce allows at most 3 minutes). */
    static final Duration LIFETIME = Duration.ofMinutes(3);

    private JwtAssertions() {
    }

    /**
     * @param audience the token endpoint (the usual audience), or what the provider names instead
     * @param scopes   also carried as the {@code scope} claim, which Google's service accounts read
     */
    static String sign(Credentials.JwtBearer key, String audience, List<String> scopes, Instant now) {
        PrivateKey privateKey = privateKey(key.privateKey());
        JWSAlgorithm algorithm = privateKey instanceof ECPrivateKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(key.issuer())
                .subject(key.subject() == null ? key.issuer() : key.subject())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        if (scopes != null && !scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.keyId()).build(), claims.build());
        try {
            JWSSigner signer = privateKey instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(privateKey);
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw unusable("it cannot sign an RS256 or ES256 assertion");
        }
        return jwt.serialize();
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC; checked at import so a bad key is refused at once. */
    static PrivateKey privateKey(String pem) {
        if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----") || !pem.contains("-----END PRIVATE KEY-----")) {
            throw unusable("expected a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----); convert others with "
                    + "'openssl pkcs8 -topk8 -nocrypt'");
        }
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "").replace("\\n", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw unusable("its PEM body is not base64");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw unusable("it is neither an RSA nor an EC private key");
    }

    private static KeywayException unusable(String why) {
        return KeywayException.invalid("credentials.privateKey: not a usable private key: " + why);
    }
}
