package dev.keyway.connectors.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keyway.core.Json;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProviderCatalogTest {
    private final ProviderCatalog catalog = ProviderCatalog.shipped();

    @Test
    void shippedCatalog_isValidAndHasAtLeastTwelveProviders() {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(catalog.version()).isEqualTo(1);
        assertThat(catalog.docs()).contains("USER_INPUT", "TOKEN_RESPONSE", "DISCOVERY");
    }

    @Test
    void shippedCatalog_containsTheProvidersCustomersAskFor() {
        assertThat(catalog.all()).extracting(Provider::key).contains(
                "github", "google", "slack", "salesforce", "hubspot", "notion", "stripe", "shopify",
                "zendesk", "jira", "linear", "gitlab");
    }

    @Test
    void shippedCatalog_isLoadedOnceAndSharedAcrossThreads() throws Exception {
        Set<ProviderCatalog> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 32; i++) {
            pool.submit(() -> {
                start.await();
                return seen.add(ProviderCatalog.shipped());
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly(catalog);
    }

    @Test
    void find_returnsTheProviderByKey_andEmptyForUnknownOrNull() {
        assertThat(catalog.find("github")).map(Provider::displayName).contains("GitHub");
        assertThat(catalog.find("nope")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
        assertThat(catalog.find(ProviderCatalog.CUSTOM)).isEmpty();
    }

    @Test
    void all_isImmutable() {
        List<Provider> all = catalog.all();
        assertThatThrownBy(() -> all.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> all.get(0).authMethods().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void github_usesItsRealOAuthEndpoints_andAsksForJsonTokenResponses() {
        OAuth2Settings o = oauth2("github", AuthType.OAUTH2);
        assertThat(o.authorizationUrl()).isEqualTo("https://github.com/login/oauth/authorize");
        assertThat(o.tokenUrl()).isEqualTo("https://github.com/login/oauth/access_token");
        assertThat(o.tokenRequestHeaders()).containsEntry("Accept", "application/json");
        assertThat(o.pkce()).isTrue();
        Provider github = catalog.find("github").orElseThrow();
        assertThat(github.baseUrl()).isEqualTo("https://api.github.com");
        assertThat(github.verification()).isEqualTo(new Verification("GET", "/user", null));
        assertThat(github.authMethod(AuthType.API_KEY).orElseThrow().defaultInject()).isEqualTo(Injection.BEARER);
    }

    @Test
    void google_asksForOfflineAccessAndConsent_soARefreshTokenComesBack() {
        OAuth2Settings o = oauth2("google", AuthType.OAUTH2);
        assertThat(o.authorizationUrl()).isEqualTo("https://accounts.google.com/o/oauth2/v2/auth");
        assertThat(o.tokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(o.revocationUrl()).isEqualTo("https://oauth2.googleapis.com/revoke");
        assertThat(o.authorizationParams()).containsEntry("access_type", "offline").containsEntry("prompt", "consent");
        assertThat(o.tokenExpiry()).isEqualTo(TokenExpiry.ALWAYS);
    }

    @Test
    void atlassian_sendsTheAudienceAndFindsTheCloudIdAfterAuthorization() {
        OAuth2Settings o = oauth2("jira", AuthType.OAUTH2);
        assertThat(o.authorizationUrl()).isEqualTo("https://auth.atlassian.com/authorize");
        assertThat(o.tokenUrl()).isEqualTo("https://auth.atlassian.com/oauth/token");
        assertThat(o.authorizationParams()).containsEntry("audience", "api.atlassian.com").containsEntry("prompt", "consent");
        assertThat(o.defaultScopes()).contains("offline_access");
        Provider jira = catalog.find("jira").orElseThrow();
        ConnectionConfigField cloudId = jira.configField("cloudId").orElseThrow();
        assertThat(cloudId.source()).isEqualTo(ConfigSource.DISCOVERY);
        assertThat(cloudId.discoveryUrl()).isEqualTo("https://api.atlassian.com/oauth/token/accessible-resources");
        assertThat(jira.baseUrlFor(AuthType.OAUTH2)).isEqualTo("https://api.atlassian.com/ex/jira/{cloudId}");
        assertThat(jira.baseUrlFor(AuthType.BASIC)).isEqualTo("https://{site}.atlassian.net");
    }

    @Test
    void notion_requiresOwnerUserAndBasicClientAuthentication() {
        OAuth2Settings o = oauth2("notion", AuthType.OAUTH2);
        assertThat(o.authorizationUrl()).isEqualTo("https://api.notion.com/v1/oauth/authorize");
        assertThat(o.tokenUrl()).isEqualTo("https://api.notion.com/v1/oauth/token");
        assertThat(o.authorizationParams()).containsEntry("owner", "user");
        assertThat(o.tokenEndpointAuth()).isEqualTo(TokenEndpointAuth.CLIENT_SECRET_BASIC);
        assertThat(catalog.find("notion").orElseThrow().defaultHeaders()).containsKey("Notion-Version");
    }

    @Test
    void slack_separatesScopesWithCommas() {
        OAuth2Settings o = oauth2("slack", AuthType.OAUTH2);
        assertThat(o.authorizationUrl()).isEqualTo("https://slack.com/oauth/v2/authorize");
        assertThat(o.tokenUrl()).isEqualTo("https://slack.com/api/oauth.v2.access");
        assertThat(o.scopeSeparator()).isEqualTo(",");
    }

    @Test
    void shopifyAndZendesk_putTheUsersSubdomainIntoTheirOAuthUrls() {
        assertThat(oauth2("shopify", AuthType.OAUTH2).authorizationUrl())
                .isEqualTo("https://{shop}.myshopify.com/admin/oauth/authorize");
        assertThat(oauth2("shopify", AuthType.OAUTH2).tokenUrl())
                .isEqualTo("https://{shop}.myshopify.com/admin/oauth/access_token");
        assertThat(catalog.find("shopify").orElseThrow().configField("shop").orElseThrow().source())
                .isEqualTo(ConfigSource.USER_INPUT);
        assertThat(catalog.find("shopify").orElseThrow().authMethod(AuthType.OAUTH2).orElseThrow().defaultInject())
                .isEqualTo(new Injection(Injection.In.HEADER, "X-Shopify-Access-Token", ""));
        assertThat(oauth2("zendesk", AuthType.OAUTH2).authorizationUrl())
                .isEqualTo("https://{subdomain}.zendesk.com/oauth/authorizations/new");
        assertThat(oauth2("zendesk", AuthType.OAUTH2).tokenUrl()).isEqualTo("https://{subdomain}.zendesk.com/oauth/tokens");
        assertThat(catalog.find("zendesk").orElseThrow().baseUrl()).isEqualTo("https://{subdomain}.zendesk.com/api/v2");
    }

    @Test
    void salesforce_takesItsApiHostFromTheTokenResponse() {
        Provider sf = catalog.find("salesforce").orElseThrow();
        assertThat(sf.baseUrl()).isEqualTo("{instance_url}");
        ConnectionConfigField f = sf.configField("instance_url").orElseThrow();
        assertThat(f.source()).isEqualTo(ConfigSource.TOKEN_RESPONSE);
        assertThat(f.pointer()).isEqualTo("/instance_url");
        assertThat("https://acme.my.salesforce.com").matches(f.pattern());
        assertThat("https://evil.example.com").doesNotMatch(f.pattern());
        assertThat(oauth2("salesforce", AuthType.OAUTH2).authorizationUrl())
                .isEqualTo("https://login.salesforce.com/services/oauth2/authorize");
    }

    @Test
    void otherProviders_useTheirRealEndpoints() {
        assertThat(oauth2("hubspot", AuthType.OAUTH2).authorizationUrl()).isEqualTo("https://app.hubspot.com/oauth/authorize");
        assertThat(oauth2("hubspot", AuthType.OAUTH2).tokenUrl()).isEqualTo("https://api.hubapi.com/oauth/v3/token");
        assertThat(oauth2("stripe", AuthType.OAUTH2).authorizationUrl()).isEqualTo("https://connect.stripe.com/oauth/authorize");
        assertThat(oauth2("linear", AuthType.OAUTH2).authorizationUrl()).isEqualTo("https://linear.app/oauth/authorize");
        assertThat(oauth2("linear", AuthType.OAUTH2).tokenUrl()).isEqualTo("https://api.linear.app/oauth/token");
        assertThat(oauth2("gitlab", AuthType.OAUTH2).tokenUrl()).isEqualTo("https://gitlab.com/oauth/token");
    }

    @Test
    void everyProvider_documentsItselfAndEveryOAuthMethodSaysWhetherTokensExpire() {
        for (Provider p : catalog.all()) {
            assertThat(p.docs()).as(p.key()).startsWith("https://");
            for (ProviderAuthMethod m : p.authMethods()) {
                assertThat(m.docs()).as(p.key() + " " + m.type()).isNotBlank();
                if (m.type().oauth()) {
                    assertThat(m.oauth2().tokenExpiry()).as(p.key()).isNotNull();
                    assertThat(m.oauth2().tokenUrl()).as(p.key()).startsWith("https://");
                }
            }
        }
    }

    @Test
    void catalog_roundTripsThroughJson_asServedByGetProviders() throws Exception {
        String json = Json.write(catalog.all());
        List<Provider> back = Json.mapper().readValue(json, new TypeReference<List<Provider>>() { });
        assertThat(back).isEqualTo(catalog.all());
    }

    // --- validation at load time -------------------------------------------------------------

    @Test
    void parse_rejectsDuplicateProviderKeys() {
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(apiKeyProvider("acme"), apiKeyProvider("acme"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providers[1] (acme).key: duplicate provider key");
    }

    @Test
    void parse_rejectsPlainHttpUrls() {
        String p = apiKeyProvider("acme").replace("https://api.acme.example", "http://api.acme.example");
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .hasMessageContaining("providers[0] (acme).baseUrl: must use https");
    }

    @Test
    void parse_rejectsUnknownAuthTypes() {
        String p = apiKeyProvider("acme").replace("\"API_KEY\"", "\"MAGIC\"");
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providers[0].authMethods[0].type");
    }

    @Test
    void parse_rejectsUnknownFields_soTyposInTheCatalogFailTheBuild() {
        String p = apiKeyProvider("acme").replace("\"displayName\"", "\"displayname\"");
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .hasMessageContaining("displayname");
    }

    @Test
    void parse_reservesTheCustomKey() {
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(apiKeyProvider("custom"))))
                .hasMessageContaining("'custom' is reserved");
    }

    @Test
    void parse_rejectsPlaceholdersThatNoConnectionConfigFieldDeclares() {
        String p = apiKeyProvider("acme").replace("https://api.acme.example", "https://{tenant}.acme.example");
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .hasMessageContaining("baseUrl: placeholder {tenant} is not declared in connectionConfig");
    }

    @Test
    void parse_rejectsAnOriginPlaceholderWhosePatternDoesNotPinHttps() {
        String p = """
                {"key":"acme","displayName":"Acme","categories":["crm"],"docs":"https://docs.acme.example",
                 "baseUrl":"{origin}",
                 "connectionConfig":[{"name":"origin","label":"Origin","source":"TOKEN_RESPONSE","pointer":"/origin",
                   "pattern":"^.*$","example":"https://x.acme.example"}],
                 "authMethods":[{"type":"API_KEY","docs":"key","inject":{"in":"header","name":"X-Key"}}]}""";
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .hasMessageContaining("baseUrl: must start with https://");
    }

    @Test
    void parse_requiresAnInjectionForApiKeysAndUrlsForOAuth() {
        String p = """
                {"key":"acme","displayName":"Acme","categories":["crm"],"docs":"https://docs.acme.example",
                 "baseUrl":"https://api.acme.example",
                 "authMethods":[{"type":"API_KEY","docs":"key"},
                                {"type":"OAUTH2","docs":"oauth","oauth2":{"authorizationUrl":"https://acme.example/authorize",
                                  "tokenExpiry":"ALWAYS","pkce":false,"refreshTokens":true}}]}""";
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .hasMessageContaining("authMethods[0].inject: required for API_KEY")
                .hasMessageContaining("authMethods[1].oauth2.tokenUrl: required");
    }

    @Test
    void parse_rejectsUserInfoInUrlsAndUnanchoredPatterns() {
        String p = """
                {"key":"acme","displayName":"Acme","categories":["crm"],"docs":"https://docs.acme.example",
                 "baseUrl":"https://{sub}.acme.example",
                 "connectionConfig":[{"name":"sub","label":"Sub","source":"USER_INPUT","pattern":"[a-z]+","example":"x"}],
                 "authMethods":[{"type":"OAUTH2","docs":"oauth","oauth2":{"authorizationUrl":"https://user:pw@acme.example/authorize",
                   "tokenUrl":"https://acme.example/token","tokenExpiry":"ALWAYS","pkce":true,"refreshTokens":true}}]}""";
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .hasMessageContaining("connectionConfig[0].pattern: required, anchored with ^ and $")
                .hasMessageContaining("authorizationUrl: must not contain user info")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("user:pw"));
    }

    @Test
    void parse_rejectsMalformedJson() {
        assertThatThrownBy(() -> ProviderCatalog.parse("{\"providers\": ["))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider catalog");
    }

    @Test
    void parse_requiresOAuthFlagsToBeSpelledOut() {
        String p = """
                {"key":"acme","displayName":"Acme","categories":["crm"],"docs":"https://docs.acme.example",
                 "baseUrl":"https://api.acme.example",
                 "authMethods":[{"type":"OAUTH2","docs":"oauth","oauth2":{"authorizationUrl":"https://acme.example/a",
                   "tokenUrl":"https://acme.example/t","tokenExpiry":"ALWAYS","refreshTokens":true}}]}""";
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(p)))
                .hasMessageContaining("providers[0].authMethods[0].oauth2.pkce");
    }

    private OAuth2Settings oauth2(String provider, AuthType type) {
        return catalog.find(provider).orElseThrow().authMethod(type).orElseThrow().oauth2();
    }

    private static String apiKeyProvider(String key) {
        return """
                {"key":"%s","displayName":"Acme","categories":["crm"],"docs":"https://docs.acme.example",
                 "baseUrl":"https://api.acme.example",
                 "authMethods":[{"type":"API_KEY","docs":"key","inject":{"in":"header","name":"X-Key"}}]}"""
                .formatted(key);
    }

    private static String catalogOf(String... providers) {
        return "{\"docs\":\"test\",\"version\":1,\"providers\":[" + String.join(",", providers) + "]}";
    }
}
