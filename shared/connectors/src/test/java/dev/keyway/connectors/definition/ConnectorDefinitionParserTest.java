package dev.keyway.connectors.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.connectors.catalog.AuthType;
import dev.keyway.connectors.catalog.FieldLabels;
import dev.keyway.connectors.catalog.Injection;
import dev.keyway.connectors.catalog.OAuth2Settings;
import dev.keyway.connectors.catalog.ProviderCatalog;
import dev.keyway.connectors.catalog.TokenEndpointAuth;
import dev.keyway.core.KeywayException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of a connector definition, one test per rule. */
class ConnectorDefinitionParserTest extends ParserFixture {
    // ---- the happy path ------------------------------------------------------------------

    @Test
    void contractExample_parsesIntoADefinitionWithSecretsKeptApart() {
        // GIVEN the body of the contract's example
        String body = """
                {"provider": "custom", "displayName": "Acme CRM", "baseUrl": "https://api.acme.example",
                 "authMethods": [
                   {"id": "oauth", "type": "OAUTH2", "clientId": "client-1", "clientSecret": "%s",
                    "scopes": ["read", "write"],
                    "authorizationUrl": "https://acme.example/oauth/authorize", "tokenUrl": "https://acme.example/oauth/token",
                    "inject": {"in": "header", "name": "Authorization", "prefix": "Bearer "}},
                   {"id": "key", "type": "API_KEY", "inject": {"in": "header", "name": "X-API-Key"}},
                   {"id": "basic", "type": "BASIC"}]}""".formatted(SECRET);

        // WHEN
        ParsedConnector parsed = parse(body);

        // THEN
        ConnectorDefinition d = parsed.definition();
        assertThat(d.key()).isEqualTo("acme-crm");
        assertThat(d.provider()).isEqualTo("custom");
        assertThat(d.customProvider()).isTrue();
        assertThat(d.displayName()).isEqualTo("Acme CRM");
        assertThat(d.baseUrl()).isEqualTo("https://api.acme.example");
        assertThat(d.authMethods()).extracting(AuthMethodDefinition::id).containsExactly("oauth", "key", "basic");
        AuthMethodDefinition oauth = d.authMethod("oauth").orElseThrow();
        assertThat(oauth.type()).isEqualTo(AuthType.OAUTH2);
        assertThat(oauth.clientId()).isEqualTo("client-1");
        assertThat(oauth.scopes()).containsExactly("read", "write");
        assertThat(oauth.oauth2().authorizationUrl()).isEqualTo("https://acme.example/oauth/authorize");
        assertThat(oauth.oauth2().tokenUrl()).isEqualTo("https://acme.example/oauth/token");
        assertThat(oauth.oauth2().pkce()).isTrue();
        assertThat(oauth.oauth2().tokenEndpointAuth()).isEqualTo(TokenEndpointAuth.CLIENT_SECRET_BASIC);
        assertThat(oauth.inject()).isEqualTo(Injection.BEARER);
        assertThat(d.authMethod("key").orElseThrow().inject()).isEqualTo(new Injection(Injection.In.HEADER, "X-API-Key", "", null));
        assertThat(d.authMethod("basic").orElseThrow().inject()).isEqualTo(Injection.BASIC);
        assertThat(parsed.clientSecretsByAuthMethodId()).containsExactly(java.util.Map.entry("oauth", SECRET));
    }

    @Test
    void definition_isImmutable() {
        ConnectorDefinition d = parse(customOAuth("\"scopes\": [\"read\"]")).definition();
        assertThatThrownBy(() -> d.authMethods().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.authMethods().get(0).scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> parse(customOAuth("")).clientSecretsByAuthMethodId().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- connector key ----------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Acme", "-acme", "_acme", "acme crm", "acme/crm", "acmé",
            "a2345678901234567890123456789012345678901234567890123456789012345"})
    void connectorKey_mustMatchThePattern(String key) {
        assertThatThrownBy(() -> parser.parse(key, customOAuth(""), false))
                .isInstanceOf(KeywayException.class)
                .hasMessage("connectorKey: must match ^[a-z0-9][a-z0-9_-]{0,63}$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "acme-crm", "acme_crm_2", "a23456789012345678901234567890123456789012345678901234567890123"})
    void connectorKey_acceptsLowerCaseDigitsDashesAndUnderscoresUpTo64(String key) {
        assertThat(parser.parse(key, customOAuth(""), false).definition().key()).isEqualTo(key);
    }

    // ---- provider -----------------------------------------------------------------------------

    @Test
    void missingProvider_isRequired() {
        rejects("{\"displayName\": \"Acme\"}").hasMessageStartingWith("provider: required");
    }

    @Test
    void unknownProvider_isNamedAndPointsAtTheCatalog_withoutListingIt() {
        rejects(customOAuth("").replace("\"custom\"", "\"acme\""))
                .hasMessage("provider: unknown provider 'acme'; GET /v1/providers lists the catalog, or use 'custom'");
    }

    @Test
    void unknownProviderWithOddCharacters_isNotEchoed() {
        rejects(customOAuth("").replace("\"custom\"", "\"<script>x</script>\""))
                .hasMessage("provider: unknown provider; GET /v1/providers lists the catalog, or use 'custom'");
    }

    @Test
    void customProvider_needsABaseUrlAndADisplayName() {
        rejects("{\"provider\": \"custom\", \"displayName\": \"Acme\", \"authMethods\": [{\"id\": \"b\", \"type\": \"BASIC\"}]}")
                .hasMessage("baseUrl: required for a custom provider (only CUSTOM auth methods may go without)");
        rejects("{\"provider\": \"custom\", \"baseUrl\": \"https://api.acme.example\", \"authMethods\": [{\"id\": \"b\", \"type\": \"BASIC\"}]}")
                .hasMessage("displayName: required for a custom provider");
    }

    @Test
    void customOAuth2_needsItsOwnAuthorizationAndTokenUrls() {
        rejects(customWith("{\"id\": \"oauth\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"" + SECRET
                + "\", \"tokenUrl\": \"https://acme.example/token\"}"))
                .hasMessage("authMethods[0].authorizationUrl: required for OAUTH2 on a custom provider");
        rejects(customWith("{\"id\": \"oauth\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \"" + SECRET
                + "\", \"authorizationUrl\": \"https://acme.example/authorize\"}"))
                .hasMessage("authMethods[0].tokenUrl: required for OAUTH2 on a custom provider");
    }

    @Test
    void catalogProvider_takesItsUrlsFromTheCatalog_andMustNotSetThem() {
        String github = """
                {"provider": "github", "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s"%s}]}""";
        rejects(github.formatted(SECRET, ", \"authorizationUrl\": \"https://evil.example/authorize\""))
                .hasMessage("authMethods[0].authorizationUrl: set by the provider catalog for 'github'; use provider 'custom' to set your own");
        rejects(github.formatted(SECRET, ", \"tokenUrl\": \"https://evil.example/token\""))
                .hasMessage("authMethods[0].tokenUrl: set by the provider catalog for 'github'; use provider 'custom' to set your own");
        rejects(github.formatted(SECRET, ", \"pkce\": false")).hasMessageStartingWith("authMethods[0].pkce: set by the provider catalog");
        rejects(github.formatted(SECRET, "").replace("{\"provider\": \"github\",", "{\"provider\": \"github\", \"baseUrl\": \"https://evil.example\","))
                .hasMessageStartingWith("baseUrl: set by the provider catalog for 'github'");
        rejects(github.formatted(SECRET, "").replace("{\"provider\": \"github\",",
                "{\"provider\": \"github\", \"connectionConfig\": [],"))
                .hasMessageStartingWith("connectionConfig: set by the provider catalog for 'github'");
    }

    @Test
    void catalogProvider_mayOnlyUseTheAuthTypesItSupports() {
        rejects("{\"provider\": \"google\", \"authMethods\": [{\"id\": \"key\", \"type\": \"API_KEY\"}]}")
                .hasMessage("authMethods[0].type: provider 'google' does not support API_KEY; it supports OAUTH2");
    }

    @Test
    void catalogProvider_fillsInDisplayNameScopesInjectionAndLabels() {
        // GIVEN/WHEN a Shopify connector that names nothing but its auth methods
        ConnectorDefinition d = parser.parse("shop", """
                {"provider": "shopify", "authMethods": [
                  {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s"},
                  {"id": "token", "type": "API_KEY"}]}""".formatted(SECRET), false).definition();
        // THEN the catalog supplies the rest
        assertThat(d.provider()).isEqualTo("shopify");
        assertThat(d.customProvider()).isFalse();
        assertThat(d.displayName()).isEqualTo("Shopify");
        assertThat(d.baseUrl()).isNull();
        AuthMethodDefinition oauth = d.authMethod("oauth").orElseThrow();
        assertThat(oauth.oauth2()).as("settings stay in the catalog").isNull();
        assertThat(oauth.inject()).isEqualTo(new Injection(Injection.In.HEADER, "X-Shopify-Access-Token", "", null));
        assertThat(d.authMethod("token").orElseThrow().labels().apiKey()).startsWith("Admin API access token");

        ConnectorDefinition jira = parser.parse("jira", """
                {"provider": "jira", "displayName": "Our Jira", "authMethods": [
                  {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s"}]}""".formatted(SECRET), false).definition();
        assertThat(jira.displayName()).isEqualTo("Our Jira");
        assertThat(jira.authMethod("oauth").orElseThrow().scopes()).containsExactly("read:jira-user", "read:jira-work", "offline_access");
    }

    @Test
    void resolvedOAuth2_laysTheConnectorsParamsOverTheCatalogs() {
        // GIVEN a Google connector with its own authorization parameters
        ConnectorDefinition d = parser.parse("g", """
                {"provider": "google", "authMethods": [{"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s",
                  "scopes": ["openid", "https://www.googleapis.com/auth/drive.readonly"],
                  "authorizationParams": {"prompt": "select_account consent", "hd": "example.com"}}]}""".formatted(SECRET),
                false).definition();
        // WHEN its effective OAuth settings are resolved
        OAuth2Settings o = d.oauth2("oauth", ProviderCatalog.shipped()).orElseThrow();

        // THEN the catalog's endpoints stay, and the connector's parameters win
        assertThat(o.authorizationUrl()).isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
        assertThat(o.authorizationParams()).containsEntry("access_type", "offline")
                .containsEntry("prompt", "select_account consent").containsEntry("hd", "example.com");
        assertThat(d.resolvedBaseUrl("oauth", ProviderCatalog.shipped())).contains("https://www.googleapis.com");
        assertThat(d.oauth2("missing", ProviderCatalog.shipped())).isEmpty();

        ConnectorDefinition custom = parse(customOAuth("\"authorizationParams\": {\"audience\": \"api\"}")).definition();
        assertThat(custom.oauth2("oauth", ProviderCatalog.shipped()).orElseThrow().authorizationParams())
                .containsExactly(java.util.Map.entry("audience", "api"));
        assertThat(custom.resolvedBaseUrl("oauth", ProviderCatalog.shipped())).contains("https://api.acme.example");
    }

    // ---- auth methods -----------------------------------------------------------------------

    @Test
    void atLeastOneAuthMethod_isRequired() {
        rejects("{\"provider\": \"custom\", \"displayName\": \"A\", \"baseUrl\": \"https://api.acme.example\"}")
                .hasMessage("authMethods: at least one auth method");
        rejects("{\"provider\": \"custom\", \"displayName\": \"A\", \"baseUrl\": \"https://api.acme.example\", \"authMethods\": []}")
                .hasMessage("authMethods: at least one auth method");
    }

    @Test
    void atMostTenAuthMethods_areAllowed() {
        String eleven = IntStream.range(0, 11).mapToObj(i -> "{\"id\": \"b" + i + "\", \"type\": \"BASIC\"}")
                .collect(Collectors.joining(","));
        rejects(customWith(eleven)).hasMessage("authMethods: at most 10 auth methods");
        String ten = IntStream.range(0, 10).mapToObj(i -> "{\"id\": \"b" + i + "\", \"type\": \"BASIC\"}")
                .collect(Collectors.joining(","));
        assertThat(parse(customWith(ten)).definition().authMethods()).hasSize(10);
    }

    @Test
    void duplicateAuthMethodIds_areRejected() {
        rejects(customWith("{\"id\": \"oauth\", \"type\": \"BASIC\"}, {\"id\": \"oauth\", \"type\": \"BASIC\"}"))
                .hasMessage("authMethods[1].id: duplicate auth method id 'oauth'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OAuth", "-oauth", "o auth", "oauth!", "a23456789012345678901234567890123"})
    void authMethodId_mustMatchThePattern(String id) {
        rejects(customWith("{\"id\": \"" + id + "\", \"type\": \"BASIC\"}"))
                .hasMessage("authMethods[0].id: required, must match ^[a-z0-9][a-z0-9_-]{0,31}$");
    }

    @Test
    void authMethodWithoutId_isRejected() {
        rejects(customWith("{\"type\": \"BASIC\"}")).hasMessageStartingWith("authMethods[0].id: required");
        rejects(customWith("null")).hasMessage("authMethods[0]: must be an object");
    }

    @Test
    void authType_mustBeKnown() {
        rejects(customWith("{\"id\": \"x\", \"type\": \"MAGIC\"}"))
                .hasMessage("authMethods[0].type: unknown auth type 'MAGIC'; one of [OAUTH2, OAUTH2_CLIENT_CREDENTIALS, JWT_BEARER, API_KEY, BASIC, MTLS, CUSTOM]");
        rejects(customWith("{\"id\": \"x\", \"type\": \"oauth2\"}"))
                .hasMessageStartingWith("authMethods[0].type: unknown auth type;");
        rejects(customWith("{\"id\": \"x\"}")).hasMessageStartingWith("authMethods[0].type: required");
    }

    @Test
    void oauth2_requiresAClientId() {
        rejects(customOAuth("").replace("\"clientId\": \"client-1\", ", ""))
                .hasMessage("authMethods[0].clientId: required for OAUTH2");
        rejects(customOAuth("").replace("client-1", "client 1")).hasMessage("authMethods[0].clientId: must not contain spaces or control characters");
        rejects(customOAuth("").replace("client-1", "c".repeat(513))).hasMessage("authMethods[0].clientId: at most 512 characters");
    }

    @Test
    void oauth2_requiresAClientSecret_unlessOneIsAlreadyStored() {
        // GIVEN an OAUTH2 auth method without its client secret
        String withoutSecret = customOAuth("").replace("\"clientSecret\": \"" + SECRET + "\",", "");
        rejects(withoutSecret)
                .hasMessage("authMethods[0].clientSecret: required for OAUTH2 (omit it only to keep the secret already stored)");

        // WHEN the caller says a secret is already stored for it
        ParsedConnector kept = parser.parse("acme-crm", withoutSecret, false, Set.of("oauth"));

        // THEN the stored one is kept: nothing new to encrypt
        assertThat(kept.clientSecretsByAuthMethodId()).isEmpty();
        assertThat(kept.definition().authMethod("oauth")).isPresent();
    }

    @Test
    void storedSecretOfAnotherAuthMethod_doesNotExcuseAMissingOne() {
        String withoutSecret = customOAuth("").replace("\"clientSecret\": \"" + SECRET + "\",", "");
        assertThatThrownBy(() -> parser.parse("acme-crm", withoutSecret, false, Set.of("other")))
                .hasMessageStartingWith("authMethods[0].clientSecret: required");
    }

    @Test
    void clientSecret_isBoundedAndMustNotBeBlank() {
        rejects(customOAuth("").replace(SECRET, "x".repeat(4097))).hasMessage("authMethods[0].clientSecret: at most 4096 characters");
        assertThat(parse(customOAuth("").replace(SECRET, "x".repeat(4096))).clientSecretsByAuthMethodId()).containsKey("oauth");
        rejects(customOAuth("").replace(SECRET, "  ")).hasMessage("authMethods[0].clientSecret: must not be blank");
        rejects(customOAuth("").replace(SECRET, SECRET + "\\n")).hasMessage("authMethods[0].clientSecret: must not contain control characters");
    }

    @Test
    void displayName_isBoundedAndTrimmed() {
        rejects(customOAuth("").replace("Acme CRM", "x".repeat(101))).hasMessage("displayName: at most 100 characters");
        rejects(customOAuth("").replace("Acme CRM", " ")).hasMessage("displayName: must not be blank");
        assertThat(parse(customOAuth("").replace("Acme CRM", "  Acme  ")).definition().displayName()).isEqualTo("Acme");
    }

    @Test
    void clientCredentials_takesCredentialsPerLinkedAccount_andNeedsOnlyATokenUrl() {
        ParsedConnector parsed = parse(customWith(
                "{\"id\": \"m2m\", \"type\": \"OAUTH2_CLIENT_CREDENTIALS\", \"tokenUrl\": \"https://acme.example/token\", \"scopes\": [\"read\"]}"));
        AuthMethodDefinition m = parsed.definition().authMethod("m2m").orElseThrow();
        assertThat(m.oauth2().tokenUrl()).isEqualTo("https://acme.example/token");
        assertThat(m.oauth2().pkce()).isFalse();
        assertThat(m.inject()).isEqualTo(Injection.BEARER);

        rejects(customWith("{\"id\": \"m2m\", \"type\": \"OAUTH2_CLIENT_CREDENTIALS\", \"tokenUrl\": \"https://acme.example/token\", "
                + "\"clientSecret\": \"" + SECRET + "\"}"))
                .hasMessage("authMethods[0].clientSecret: OAUTH2_CLIENT_CREDENTIALS takes the client credentials per linked account");
        rejects(customWith("{\"id\": \"m2m\", \"type\": \"OAUTH2_CLIENT_CREDENTIALS\", \"tokenUrl\": \"https://acme.example/token\", "
                + "\"authorizationUrl\": \"https://acme.example/authorize\"}"))
                .hasMessage("authMethods[0].authorizationUrl: OAUTH2_CLIENT_CREDENTIALS has no authorization step");
        rejects(customWith("{\"id\": \"m2m\", \"type\": \"OAUTH2_CLIENT_CREDENTIALS\"}"))
                .hasMessage("authMethods[0].tokenUrl: required for OAUTH2_CLIENT_CREDENTIALS on a custom provider");
    }

    @Test
    void apiKeyAndBasic_rejectOAuthFields() {
        rejects(customWith("{\"id\": \"key\", \"type\": \"API_KEY\", \"inject\": {\"name\": \"X-Key\"}, \"clientSecret\": \"" + SECRET + "\"}"))
                .hasMessage("authMethods[0].clientSecret: not used by API_KEY");
        rejects(customWith("{\"id\": \"b\", \"type\": \"BASIC\", \"scopes\": [\"read\"]}"))
                .hasMessage("authMethods[0].scopes: not used by BASIC");
        rejects(customWith("{\"id\": \"b\", \"type\": \"BASIC\", \"tokenUrl\": \"https://acme.example/token\"}"))
                .hasMessage("authMethods[0].tokenUrl: not used by BASIC");
    }

    @Test
    void fieldLabels_areKeptForApiKeyAndBasicOnly() {
        ConnectorDefinition d = parse(customWith("""
                {"id": "key", "type": "API_KEY", "inject": {"name": "X-Key"}, "labels": {"apiKey": "Acme key", "help": "Settings > API"}},
                {"id": "basic", "type": "BASIC", "labels": {"username": "Email", "password": "Token"}}""")).definition();
        assertThat(d.authMethod("key").orElseThrow().labels()).isEqualTo(new FieldLabels("Acme key", null, null, "Settings > API"));
        assertThat(d.authMethod("basic").orElseThrow().labels()).isEqualTo(new FieldLabels(null, "Email", "Token", null));
        rejects(customWith("{\"id\": \"key\", \"type\": \"API_KEY\", \"inject\": {\"name\": \"X-Key\"}, \"labels\": {\"username\": \"u\"}}"))
                .hasMessage("authMethods[0].labels.username: not used by API_KEY");
        rejects(customOAuth("\"labels\": {\"apiKey\": \"k\"}")).hasMessage("authMethods[0].labels: only for API_KEY and BASIC");
        rejects(customWith("{\"id\": \"b\", \"type\": \"BASIC\", \"labels\": {\"help\": \"" + "h".repeat(501) + "\"}}"))
                .hasMessage("authMethods[0].labels.help: at most 500 characters");
    }

    // ---- URLs --------------------------------------------------------------------------------

    @Test
    void urls_mustUseHttps() {
        rejects(customOAuth("").replace("https://api.acme.example", "http://api.acme.example"))
                .hasMessage("baseUrl: must use https");
        rejects(customOAuth("").replace("https://acme.example/oauth/token", "http://acme.example/oauth/token"))
                .hasMessage("authMethods[0].tokenUrl: must use https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/api", "http://localhost:9000", "http://[::1]:8443/x", "http://LOCALHOST/api"})
    void loopbackHttp_isAllowedInLocalModeOnly(String url) {
        String body = customOAuth("").replace("https://api.acme.example", url);
        assertThat(parser.parse("acme-crm", body, true).definition().baseUrl()).isEqualTo(url);
        rejects(body, false).hasMessage("baseUrl: must use https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/api", "http://example.com", "http://127.0.0.2", "http://169.254.169.254/latest"})
    void nonLoopbackHttp_isRejectedEvenInLocalMode(String url) {
        rejects(customOAuth("").replace("https://api.acme.example", url), true)
                .hasMessage("baseUrl: plain http is only allowed for 127.0.0.1, localhost or [::1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://acme.example/x", "javascript:alert(1)", "file:///etc/passwd", "wss://acme.example"})
    void otherSchemes_areRejected(String url) {
        rejects(customOAuth("").replace("https://acme.example/oauth/authorize", url), true)
                .hasMessageStartingWith("authMethods[0].authorizationUrl: must");
    }

    @Test
    void userInfoInUrls_isRejectedWithoutEchoingIt() {
        rejects(customOAuth("").replace("https://acme.example/oauth/token", "https://admin:" + SECRET + "@acme.example/token"))
                .hasMessage("authMethods[0].tokenUrl: must not contain user info");
    }

    @Test
    void fragments_areRejected_andQueriesOnlyOnEndpoints() {
        rejects(customOAuth("").replace("https://acme.example/oauth/authorize", "https://acme.example/authorize#x"))
                .hasMessage("authMethods[0].authorizationUrl: must not contain a fragment");
        assertThat(parse(customOAuth("").replace("https://acme.example/oauth/authorize", "https://acme.example/authorize?tenant=a"))
                .definition().authMethods()).hasSize(1);
        rejects(customOAuth("").replace("https://api.acme.example", "https://api.acme.example/v1?key=x"))
                .hasMessage("baseUrl: must not contain a query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "api.acme.example", "https://", "https:///nohost", "https://acme example.com", "https://acme.example/\u00e9"})
    void malformedUrls_areRejected(String url) {
        rejects(customOAuth("").replace("https://api.acme.example", url)).hasMessageStartingWith("baseUrl: ");
    }

    @Test
    void placeholders_mustBeDeclaredInConnectionConfig() {
        // GIVEN/WHEN/THEN an undeclared placeholder is refused
        rejects(customOAuth("").replace("https://api.acme.example", "https://{tenant}.acme.example"))
                .hasMessage("baseUrl: placeholder {tenant} is not declared in connectionConfig");

        // WHEN the placeholder is declared
        ConnectorDefinition d = parse(customOAuth("").replace("\"baseUrl\": \"https://api.acme.example\"",
                "\"baseUrl\": \"https://{tenant}.acme.example/api\", "
                        + "\"connectionConfig\": [{\"name\": \"tenant\", \"label\": \"Tenant\", \"help\": \"Your tenant\"}]")
                .replace("https://acme.example/oauth/authorize", "https://{tenant}.acme.example/authorize")).definition();

        // THEN it is accepted, with a DNS-label pattern for the end user's value
        assertThat(d.baseUrl()).isEqualTo("https://{tenant}.acme.example/api");
        assertThat(d.connectionConfig()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("tenant");
            assertThat(f.pattern()).isEqualTo(DefinitionValidator.DEFAULT_FIELD_PATTERN);
        });
    }

    @Test
    void aPlaceholderMayNotReplaceTheScheme() {
        rejects(customOAuth("").replace("\"baseUrl\": \"https://api.acme.example\"",
                "\"baseUrl\": \"{origin}/api\", \"connectionConfig\": [{\"name\": \"origin\", \"label\": \"Origin\"}]"))
                .hasMessage("baseUrl: must start with https://");
    }

    @Test
    void connectionConfigFields_areValidated() {
        String base = customOAuth("").replace("\"baseUrl\": \"https://api.acme.example\"",
                "\"baseUrl\": \"https://api.acme.example\", \"connectionConfig\": [%s]");
        rejects(base.formatted("{\"name\": \"1bad\", \"label\": \"x\"}"))
                .hasMessage("connectionConfig[0].name: required, must match ^[A-Za-z][A-Za-z0-9_]{0,31}$");
        rejects(base.formatted("{\"name\": \"t\"}")).hasMessage("connectionConfig[0].label: required");
        rejects(base.formatted("{\"name\": \"t\", \"label\": \"T\"}, {\"name\": \"t\", \"label\": \"T\"}"))
                .hasMessage("connectionConfig[1].name: duplicate field 't'");
        rejects(base.formatted("{\"name\": \"t\", \"label\": \"T\", \"pattern\": \"[a-z]+\"}"))
                .hasMessageStartingWith("connectionConfig[0].pattern: a regular expression anchored with ^ and $");
        rejects(base.formatted("{\"name\": \"t\", \"label\": \"T\", \"pattern\": \"^([a-z]$\"}"))
                .hasMessage("connectionConfig[0].pattern: not a valid regular expression");
    }

    // ---- scopes and authorization parameters -------------------------------------------------------

    @Test
    void scopes_areNonBlankWithoutSpaces_unique_andAtMost100() {
        rejects(customOAuth("\"scopes\": [\"read\", \" \"]")).hasMessage("authMethods[0].scopes[1]: must not be blank");
        rejects(customOAuth("\"scopes\": [\"read write\"]"))
                .hasMessage("authMethods[0].scopes[0]: must not contain spaces or control characters");
        rejects(customOAuth("\"scopes\": [\"read\", \"read\"]")).hasMessage("authMethods[0].scopes[1]: duplicate scope");
        rejects(customOAuth("\"scopes\": [null]")).hasMessage("authMethods[0].scopes[0]: must not be blank");
        String many = IntStream.range(0, 101).mapToObj(i -> "\"s" + i + "\"").collect(Collectors.joining(","));
        rejects(customOAuth("\"scopes\": [" + many + "]")).hasMessage("authMethods[0].scopes: at most 100 scopes");
    }

    @Test
    void scopes_mustNotContainTheScopeSeparator() {
        rejects(customOAuth("\"scopeSeparator\": \",\", \"scopes\": [\"read,write\"]"))
                .hasMessage("authMethods[0].scopes[0]: must not contain the scope separator ','");
        rejects("{\"provider\": \"slack\", \"authMethods\": [{\"id\": \"o\", \"type\": \"OAUTH2\", \"clientId\": \"c\", \"clientSecret\": \""
                + SECRET + "\", \"scopes\": [\"chat:write,channels:read\"]}]}")
                .hasMessage("authMethods[0].scopes[0]: must not contain the scope separator ','");
        rejects(customOAuth("\"scopeSeparator\": \";\"")).hasMessage("authMethods[0].scopeSeparator: \" \" or \",\"");
    }

    @Test
    void authorizationParams_mayNotOverrideWhatTheFlowSets() {
        rejects(customOAuth("\"authorizationParams\": {\"state\": \"fixed\"}"))
                .hasMessage("authMethods[0].authorizationParams.state: set by the connection flow, not by the connector");
        rejects(customOAuth("\"authorizationParams\": {\"redirect_uri\": \"https://evil.example\"}"))
                .hasMessage("authMethods[0].authorizationParams.redirect_uri: set by the connection flow, not by the connector");
        String many = IntStream.range(0, 21).mapToObj(i -> "\"p" + i + "\": \"v\"").collect(Collectors.joining(","));
        rejects(customOAuth("\"authorizationParams\": {" + many + "}"))
                .hasMessage("authMethods[0].authorizationParams: at most 20 parameters");
    }

    @Test
    void tokenEndpointAuthAndPkce_canBeSetForCustomProviders() {
        OAuth2Settings o = parse(customOAuth("\"tokenEndpointAuth\": \"client_secret_post\", \"pkce\": false")).definition()
                .authMethod("oauth").orElseThrow().oauth2();
        assertThat(o.tokenEndpointAuth()).isEqualTo(TokenEndpointAuth.CLIENT_SECRET_POST);
        assertThat(o.pkce()).isFalse();
        rejects(customOAuth("\"tokenEndpointAuth\": \"private_key_jwt\""))
                .hasMessage("authMethods[0].tokenEndpointAuth: private_key_jwt is for JWT_BEARER");
        rejects(customOAuth("\"tokenEndpointAuth\": \"tls_client_auth\""))
                .hasMessage("authMethods[0].tokenEndpointAuth: client_secret_basic, client_secret_post or private_key_jwt");
    }

    // ---- injection -------------------------------------------------------------------------------

    @Test
    void inject_isAHeaderOrAQueryParameterWithAValidName() {
        rejects(customOAuth("\"inject\": {\"in\": \"body\", \"name\": \"token\"}")).hasMessage("authMethods[0].inject.in: header or query");
        rejects(customOAuth("\"inject\": {\"in\": \"header\", \"name\": \"X Key\"}")).hasMessage("authMethods[0].inject.name: not a valid header name");
        rejects(customOAuth("\"inject\": {\"in\": \"header\"}")).hasMessage("authMethods[0].inject.name: required");
        rejects(customOAuth("\"inject\": {\"in\": \"query\", \"name\": \"api key\"}"))
                .hasMessageStartingWith("authMethods[0].inject.name: not a valid query parameter name");
        rejects(customOAuth("\"inject\": {\"in\": \"header\", \"name\": \"Host\"}"))
                .hasMessage("authMethods[0].inject.name: header Host cannot carry a credential");
        rejects(customOAuth("\"inject\": {\"in\": \"header\", \"name\": \"Authorization\", \"prefix\": \"Bearer\\r\\nX: y\"}"))
                .hasMessage("authMethods[0].inject.prefix: must not contain control characters");
        Injection q = parse(customWith("{\"id\": \"key\", \"type\": \"API_KEY\", \"inject\": {\"in\": \"query\", \"name\": \"api_key\"}}"))
                .definition().authMethod("key").orElseThrow().inject();
        assertThat(q).isEqualTo(new Injection(Injection.In.QUERY, "api_key", "", null));
    }

    @Test
    void inject_defaultsByType() {
        ConnectorDefinition d = parse(customWith("""
                {"id": "oauth", "type": "OAUTH2", "clientId": "c", "clientSecret": "%s",
                 "authorizationUrl": "https://acme.example/a", "tokenUrl": "https://acme.example/t"},
                {"id": "basic", "type": "BASIC"},
                {"id": "basic2", "type": "BASIC", "inject": {"name": "Authorization"}}""".formatted(SECRET))).definition();
        assertThat(d.authMethod("oauth").orElseThrow().inject()).isEqualTo(Injection.BEARER);
        assertThat(d.authMethod("basic").orElseThrow().inject()).isEqualTo(Injection.BASIC);
        assertThat(d.authMethod("basic2").orElseThrow().inject()).isEqualTo(Injection.BASIC);
        ConnectorDefinition stripe = parser.parse("stripe", "{\"provider\": \"stripe\", \"authMethods\": [{\"id\": \"key\", \"type\": \"API_KEY\"}]}",
                false).definition();
        assertThat(stripe.authMethod("key").orElseThrow().inject()).isEqualTo(Injection.BEARER);
        ConnectorDefinition linear = parser.parse("linear", "{\"provider\": \"linear\", \"authMethods\": [{\"id\": \"key\", \"type\": \"API_KEY\"}]}",
                false).definition();
        assertThat(linear.authMethod("key").orElseThrow().inject()).isEqualTo(new Injection(Injection.In.HEADER, "Authorization", "", null));
    }

    @Test
    void apiKeyOnACustomProvider_mustSayWhereTheKeyGoes() {
        rejects(customWith("{\"id\": \"key\", \"type\": \"API_KEY\"}"))
                .hasMessageStartingWith("authMethods[0].inject: required for API_KEY on a custom provider");
    }

    @Test
    void basicCredentials_onlyGoInAHeader() {
        rejects(customWith("{\"id\": \"b\", \"type\": \"BASIC\", \"inject\": {\"in\": \"query\", \"name\": \"auth\"}}"))
                .hasMessage("authMethods[0].inject.in: BASIC credentials go in a header");
    }
}
