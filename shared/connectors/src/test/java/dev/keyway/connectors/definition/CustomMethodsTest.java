package dev.keyway.connectors.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.CredentialCheck;
import dev.keyway.connectors.catalog.CredentialField;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.core.KeywayException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class CustomMethodsTest {
    private final ConnectorDefinitionParser parser = new ConnectorDefinitionParser(ProviderCatalog.shipped());

    private static String db(String fields, String check) {
        return """
                {"provider": "custom", "displayName": "Orders DB", "authMethods": [
                  {"id": "db", "type": "CUSTOM", "fields": [%s]%s}]}""".formatted(fields,
                check == null ? "" : ", \"check\": " + check);
    }

    private static final String FIELDS = """
            {"name": "host", "label": "Host", "type": "string", "pattern": "^[a-z0-9.-]+$"},
            {"name": "port", "label": "Port", "type": "number"},
            {"name": "password", "label": "Password", "type": "secret", "help": "The database password."},
            {"name": "sshKey", "label": "SSH key", "type": "pem", "required": false}""";

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String body) {
        return assertThatThrownBy(() -> parser.parse("orders-db", body, false)).isInstanceOf(KeywayException.class);
    }

    @Test
    void customMethod_keepsItsSchema_andNeedsNoBaseUrl() {
        ConnectorDefinition d = parser.parse("orders-db", db(FIELDS, "{\"type\": \"tcp\", \"host\": \"{host}\", \"port\": \"{port}\"}"),
                false).definition();
        AuthMethodDefinition m = d.authMethod("db").orElseThrow();
        assertThat(d.baseUrl()).isNull();
        assertThat(m.type()).isEqualTo(AuthType.CUSTOM);
        assertThat(m.fields()).extracting(CredentialField::name).containsExactly("host", "port", "password", "sshKey");
        assertThat(m.fields()).extracting(CredentialField::secret).containsExactly(false, false, true, true);
        assertThat(m.fields().get(3).required()).isFalse();
        assertThat(m.check()).isEqualTo(new CredentialCheck("tcp", null, "{host}", "{port}"));
    }

    @Test
    void schema_isRequired_andItsFieldsChecked() {
        rejects(db("", null)).hasMessageStartingWith("authMethods[0].fields: required for CUSTOM");
        rejects(db("{\"name\": \"host\", \"label\": \"Host\", \"type\": \"hostname\"}", null))
                .hasMessageStartingWith("authMethods[0].fields[0].type: required: one of [string, secret, number, boolean, pem, json]");
        rejects(db("{\"name\": \"a\", \"label\": \"A\", \"type\": \"string\"}, {\"name\": \"a\", \"label\": \"B\", \"type\": \"secret\"}", null))
                .hasMessageStartingWith("authMethods[0].fields[1].name: duplicate field 'a'");
        rejects(db("{\"name\": \"n\", \"label\": \"N\", \"type\": \"number\", \"pattern\": \"^1$\"}", null))
                .hasMessage("authMethods[0].fields[0].pattern: only for string and secret fields");
        rejects(db("{\"name\": \"n\", \"type\": \"string\"}", null)).hasMessage("authMethods[0].fields[0].label: required");
    }

    @Test
    void check_mayOnlyUseNonSecretFields() {
        rejects(db(FIELDS, "{\"type\": \"tcp\", \"host\": \"{password}\", \"port\": \"5432\"}"))
                .hasMessage("authMethods[0].check.host: {password} is not a non-secret field of this auth method or connector");
        rejects(db(FIELDS, "{\"type\": \"tcp\", \"host\": \"{host}\", \"port\": \"70000\"}"))
                .hasMessage("authMethods[0].check.port: a port number from 1 to 65535");
        rejects(db(FIELDS, "{\"type\": \"ping\"}")).hasMessage("authMethods[0].check.type: 'http' or 'tcp'");
        rejects(db(FIELDS, "{\"type\": \"http\", \"url\": \"http://{host}/health\"}"))
                .hasMessageStartingWith("authMethods[0].check.url:");
        assertThat(parser.parse("orders-db", db(FIELDS, "{\"type\": \"http\", \"url\": \"https://{host}/health\"}"), false)
                .definition().authMethod("db").orElseThrow().check().url()).isEqualTo("https://{host}/health");
    }

    @Test
    void otherTypes_takeNoSchema_andCustomTakesNoInjection() {
        rejects("""
                {"provider": "custom", "displayName": "A", "baseUrl": "https://a.example",
                 "authMethods": [{"id": "b", "type": "BASIC", "fields": []}]}""")
                .hasMessageStartingWith("authMethods[0].fields: only for CUSTOM");
        rejects("""
                {"provider": "custom", "displayName": "A", "authMethods": [{"id": "db", "type": "CUSTOM",
                 "fields": [{"name": "p", "label": "P", "type": "secret"}], "inject": {"name": "X"}}]}""")
                .hasMessageStartingWith("authMethods[0].inject: CUSTOM credentials are resolved, not injected");
        rejects("{\"provider\": \"stripe\", \"authMethods\": [{\"id\": \"db\", \"type\": \"CUSTOM\"}]}")
                .hasMessageStartingWith("authMethods[0].type: provider 'stripe' does not support CUSTOM");
    }

    @Test
    void jwtBearerAndMtls_takeTheirOwnSettingsOnly() {
        ConnectorDefinition jwt = parser.parse("ledger", """
                {"provider": "custom", "displayName": "Ledger", "baseUrl": "https://api.ledger.example",
                 "authMethods": [{"id": "sa", "type": "JWT_BEARER", "tokenUrl": "https://login.ledger.example/token",
                   "tokenEndpointAuth": "private_key_jwt", "assertionAudience": "https://login.ledger.example"}]}""",
                false).definition();
        var settings = jwt.oauth2("sa", ProviderCatalog.shipped()).orElseThrow();
        assertThat(settings.tokenEndpointAuth()).isEqualTo(dev.keyway.connectors.catalog.TokenEndpointAuth.PRIVATE_KEY_JWT);
        assertThat(settings.assertionAudience()).isEqualTo("https://login.ledger.example");
        rejects("""
                {"provider": "custom", "displayName": "Ledger", "baseUrl": "https://api.ledger.example",
                 "authMethods": [{"id": "sa", "type": "JWT_BEARER", "tokenUrl": "https://l.example/token", "clientId": "x"}]}""")
                .hasMessage("authMethods[0].clientId: JWT_BEARER takes the private key per linked account");
        rejects("""
                {"provider": "custom", "displayName": "A", "baseUrl": "https://a.example",
                 "authMethods": [{"id": "k", "type": "API_KEY", "inject": {"name": "X-Key"}, "assertionAudience": "x"}]}""")
                .hasMessage("authMethods[0].assertionAudience: not used by API_KEY");

        ConnectorDefinition mtls = parser.parse("onprem", """
                {"provider": "custom", "displayName": "On-prem", "baseUrl": "https://onprem.example/api",
                 "authMethods": [{"id": "cert", "type": "MTLS"}]}""", false).definition();
        assertThat(mtls.authMethod("cert").orElseThrow().type()).isEqualTo(AuthType.MTLS);
        rejects("""
                {"provider": "custom", "displayName": "On-prem", "baseUrl": "https://onprem.example/api",
                 "authMethods": [{"id": "cert", "type": "MTLS", "inject": {"name": "X-Cert"}}]}""")
                .hasMessageStartingWith("authMethods[0].inject: MTLS presents a client certificate");
        rejects("""
                {"provider": "custom", "displayName": "On-prem", "authMethods": [{"id": "cert", "type": "MTLS"}]}""")
                .hasMessageStartingWith("baseUrl: required");
    }
}
