package dev.keyway.connectors.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import org.assertj.core.api.AbstractThrowableAssert;

/** Bodies and assertions shared by the parser tests. */
abstract class ParserFixture {
    /** A canary: it must never show up anywhere but in the separated secrets. */
    static final String SECRET = "canary-Cl1entS3cret-7f3a9c";
    final ConnectorDefinitionParser parser = new ConnectorDefinitionParser(ProviderCatalog.shipped());

    /** A valid custom connector with one OAUTH2 auth method; {@code extra} is spliced into that method. */
    static String customOAuth(String extra) {
        return """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
                 "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "client-1", "clientSecret": "%s",
                   "authorizationUrl": "https://acme.example/oauth/authorize", "tokenUrl": "https://acme.example/oauth/token"%s}]}"""
                .formatted(SECRET, extra.isEmpty() ? "" : ", " + extra);
    }

    /** A custom connector whose only auth method is {@code method}. */
    static String customWith(String method) {
        return """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
                 "authMethods": [%s]}""".formatted(method);
    }

    ParsedConnector parse(String body) {
        return parser.parse("acme-crm", body, false);
    }

    AbstractThrowableAssert<?, ? extends Throwable> rejects(String body) {
        return rejects(body, false);
    }

    AbstractThrowableAssert<?, ? extends Throwable> rejects(String body, boolean localMode) {
        return assertThatThrownBy(() -> parser.parse("acme-crm", body, localMode))
                .isInstanceOfSatisfying(KeywayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_request");
                    assertThat(e.getCause()).isNull();
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }
}
