package dev.keyway.connectors.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keyway.core.Json;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProviderCatalogTest {
    private final ProviderCatalog catalog = ProviderCatalog.shipped();

    @Test
    void shippedCatalog_isValidAndHasAtLeastFiftyProviders() {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(catalog.version()).isEqualTo(1);
        assertThat(catalog.docs()).contains("USER_INPUT", "TOKEN_RESPONSE", "DISCOVERY", "CALLBACK_QUERY",
                "scopeParam", "tokenResponseRoot", "refreshMarginSeconds", "basicPassword", "color", "defaultValue");
    }

    @Test
    void shippedCatalog_containsTheProvidersCustomersAskFor() {
        assertThat(catalog.all()).extracting(Provider::key).contains(
                "github", "gitlab", "google", "microsoft", "slack", "slack-user", "salesforce", "hubspot", "notion",
                "jira", "confluence", "linear", "asana", "airtable", "dropbox", "box", "zoom", "xero", "quickbooks",
                "shopify", "zendesk", "intercom", "pipedrive", "calendly", "docusign", "stripe", "twilio", "mailchimp",
                "freshdesk", "discord", "spotify", "figma", "monday", "clickup", "trello", "gusto", "okta", "auth0",
                "webflow", "typeform", "miro", "smartsheet");
    }

    @Test
    void everyProvider_hasABrandColourAndOnlyHttpsUrls_whosePlaceholdersAreConnectionConfigFields() {
        for (Provider p : catalog.all()) {
            assertThat(p.color()).as(p.key()).matches("^#[0-9A-Fa-f]{6}$");
            Set<String> fields = p.connectionConfig().stream().map(ConnectionConfigField::name).collect(Collectors.toSet());
            for (String url : allUrls(p)) {
                assertThat(UrlRules.placeholders(url)).as(p.key() + " " + url).isSubsetOf(fields);
                if (url.startsWith("{")) {
                    // An origin placeholder: its value must itself be an https origin.
                    ConnectionConfigField origin = p.configField(UrlRules.placeholders(url).iterator().next()).orElseThrow();
                    assertThat(origin.pattern()).as(p.key() + " " + url).startsWith("^https://");
                    assertThat(origin.example()).as(p.key() + " " + url).startsWith("https://");
                } else {
                    assertThat(url).as(p.key()).startsWith("https://");
                }
            }
        }
    }

    @Test
    void everyJsonObjectOfTheShippedFile_usesOnlyFieldsItsRecordDeclares() throws Exception {
        JsonNode root;
        try (var in = ProviderCatalog.class.getResourceAsStream(ProviderCatalog.RESOURCE)) {
            root = Json.mapper().readTree(in);
        }
        assertKnownFields("", root, ProviderCatalog.CatalogFile.class);
        for (int i = 0; i < root.get("providers").size(); i++) {
            JsonNode p = root.get("providers").get(i);
            String at = "providers[" + i + "]";
            assertKnownFields(at, p, Provider.class);
            assertKnownFields(at + ".verification", p.get("verification"), Verification.class);
            forEach(p.get("connectionConfig"), (f, j) -> assertKnownFields(at + ".connectionConfig[" + j + "]", f,
                    ConnectionConfigField.class));
            forEach(p.get("authMethods"), (m, j) -> {
                String mat = at + ".authMethods[" + j + "]";
                assertKnownFields(mat, m, ProviderAuthMethod.class);
                assertKnownFields(mat + ".inject", m.get("inject"), Injection.class);
                assertKnownFields(mat + ".labels", m.get("labels"), FieldLabels.class);
                assertKnownFields(mat + ".oauth2", m.get("oauth2"), OAuth2Settings.class);
            });
        }
    }

    @Test
    void pkceIsOff_onlyWhereTheProviderBreaksWithIt() {
        List<String> off = catalog.all().stream()
                .filter(p -> p.authMethod(AuthType.OAUTH2).map(m -> !m.oauth2().pkce()).orElse(false))
                .map(Provider::key).toList();
        assertThat(off).containsExactlyInAnyOrder("slack", "slack-user", "pipedrive");
        for (Provider p : catalog.all()) {
            p.authMethod(AuthType.OAUTH2).filter(m -> !m.oauth2().pkce())
                    .ifPresent(m -> assertThat(m.docs()).as(p.key()).contains("PKCE"));
        }
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
                .isEqualTo(new Injection(Injection.In.HEADER, "X-Shopify-Access-Token", "", null));
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
                .isEqualTo("https://{loginHost}.salesforce.com/services/oauth2/authorize");
        ConnectionConfigField loginHost = sf.configField("loginHost").orElseThrow();
        assertThat(loginHost.defaultValue()).isEqualTo("login");
        assertThat("test").matches(loginHost.pattern());
        assertThat("evil.example.com/x").doesNotMatch(loginHost.pattern());
        assertThat(sf.userInputFields(AuthType.OAUTH2)).containsExactly(loginHost);
    }

    // --- quirks as data -----------------------------------------------------------------------

    @Test
    void microsoft_takesTheTenantFromTheUser_withCommonAsTheDefault() {
        Provider ms = catalog.find("microsoft").orElseThrow();
        ConnectionConfigField tenant = ms.configField("tenant").orElseThrow();
        assertThat(tenant.source()).isEqualTo(ConfigSource.USER_INPUT);
        assertThat(tenant.defaultValue()).isEqualTo("common");
        assertThat(oauth2("microsoft", AuthType.OAUTH2).authorizationUrl())
                .isEqualTo("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize");
        assertThat(oauth2("microsoft", AuthType.OAUTH2).defaultScopes()).contains("offline_access");
        assertThat(ms.userInputFields(AuthType.OAUTH2)).containsExactly(tenant);
        assertThat(ms.userInputFields(AuthType.OAUTH2_CLIENT_CREDENTIALS)).containsExactly(tenant);
    }

    @Test
    void slackUser_asksForUserScopes_andReadsTheTokenUnderAuthedUser() {
        OAuth2Settings bot = oauth2("slack", AuthType.OAUTH2);
        OAuth2Settings user = oauth2("slack-user", AuthType.OAUTH2);
        assertThat(bot.scopeParam()).isEqualTo("scope");
        assertThat(bot.tokenResponseRoot()).isEmpty();
        assertThat(user.scopeParam()).isEqualTo("user_scope");
        assertThat(user.tokenResponseRoot()).isEqualTo("/authed_user");
        assertThat(user.authorizationUrl()).isEqualTo(bot.authorizationUrl());
        assertThat(user.tokenUrl()).isEqualTo(bot.tokenUrl());
    }

    @Test
    void quickbooks_readsTheRealmIdFromTheCallbackQuery() {
        Provider qb = catalog.find("quickbooks").orElseThrow();
        ConnectionConfigField realm = qb.configField("realmId").orElseThrow();
        assertThat(realm.source()).isEqualTo(ConfigSource.CALLBACK_QUERY);
        assertThat(realm.param()).isEqualTo("realmId");
        assertThat(qb.baseUrl()).isEqualTo("https://quickbooks.api.intuit.com/v3/company/{realmId}");
        assertThat(qb.userInputFields(AuthType.OAUTH2)).isEmpty();
    }

    @Test
    void zoho_exchangesTheCodeAtTheAccountsServerNamedInTheCallback() {
        Provider zoho = catalog.find("zoho-crm").orElseThrow();
        ConnectionConfigField server = zoho.configField("accountsServer").orElseThrow();
        assertThat(server.source()).isEqualTo(ConfigSource.CALLBACK_QUERY);
        assertThat(server.param()).isEqualTo("accounts-server");
        assertThat(oauth2("zoho-crm", AuthType.OAUTH2).tokenUrl()).isEqualTo("{accountsServer}/oauth/v2/token");
        assertThat("https://accounts.zoho.eu").matches(server.pattern());
        assertThat("https://accounts.zoho.eu.evil.example").doesNotMatch(server.pattern());
    }

    @Test
    void freshdesk_sendsTheApiKeyAsTheBasicUserNameWithPasswordX() {
        Injection inject = catalog.find("freshdesk").orElseThrow().authMethod(AuthType.API_KEY).orElseThrow().inject();
        assertThat(inject).isEqualTo(new Injection(Injection.In.HEADER, "Authorization", "Basic ", "X"));
        assertThat(catalog.find("freshdesk").orElseThrow().userInputFields(AuthType.API_KEY))
                .extracting(ConnectionConfigField::name).containsExactly("domain");
    }

    @Test
    void mailchimp_findsTheDataCentreFromTheMetadataEndpoint() {
        Provider mc = catalog.find("mailchimp").orElseThrow();
        ConnectionConfigField dc = mc.configField("dc").orElseThrow();
        assertThat(dc.source()).isEqualTo(ConfigSource.DISCOVERY);
        assertThat(dc.discoveryUrl()).isEqualTo("https://login.mailchimp.com/oauth2/metadata");
        assertThat(dc.pointer()).isEqualTo("/dc");
        assertThat(mc.baseUrlFor(AuthType.OAUTH2)).isEqualTo("https://{dc}.api.mailchimp.com/3.0");
        assertThat(mc.userInputFields(AuthType.OAUTH2)).isEmpty();
        assertThat(mc.userInputFields(AuthType.BASIC)).extracting(ConnectionConfigField::name).containsExactly("server");
    }

    @Test
    void otherQuirks_areData() {
        assertThat(oauth2("airtable", AuthType.OAUTH2).pkce()).isTrue();
        assertThat(oauth2("xero", AuthType.OAUTH2).refreshTokens()).isTrue();
        assertThat(oauth2("xero", AuthType.OAUTH2).defaultScopes()).contains("offline_access");
        assertThat(oauth2("dropbox", AuthType.OAUTH2).authorizationParams()).containsEntry("token_access_type", "offline");
        assertThat(oauth2("reddit", AuthType.OAUTH2).authorizationParams()).containsEntry("duration", "permanent");
        assertThat(oauth2("confluence", AuthType.OAUTH2).authorizationParams()).containsEntry("audience", "api.atlassian.com");
        assertThat(catalog.find("confluence").orElseThrow().configField("cloudId").orElseThrow().discoveryUrl())
                .isEqualTo("https://api.atlassian.com/oauth/token/accessible-resources");
        assertThat(catalog.find("stripe").orElseThrow().authMethod(AuthType.API_KEY).orElseThrow().defaultInject())
                .isEqualTo(Injection.BEARER);
        assertThat(catalog.find("twilio").orElseThrow().authMethod(AuthType.BASIC)).isPresent();
        assertThat(catalog.find("okta").orElseThrow().userInputFields(AuthType.OAUTH2))
                .extracting(ConnectionConfigField::name).containsExactly("domain");
        assertThat(catalog.find("auth0").orElseThrow().userInputFields(AuthType.OAUTH2))
                .extracting(ConnectionConfigField::name).containsExactly("domain");
        assertThat(catalog.find("shopify").orElseThrow().userInputFields(AuthType.OAUTH2))
                .extracting(ConnectionConfigField::name).containsExactly("shop");
        assertThat(catalog.find("zendesk").orElseThrow().userInputFields(AuthType.BASIC))
                .extracting(ConnectionConfigField::name).containsExactly("subdomain");
    }

    @Test
    void userInputFields_areThoseTheChosenAuthMethodsUrlsUse() {
        Provider jira = catalog.find("jira").orElseThrow();
        assertThat(jira.userInputFields(AuthType.OAUTH2)).isEmpty();
        assertThat(jira.userInputFields(AuthType.BASIC)).extracting(ConnectionConfigField::name).containsExactly("site");
        Provider pipedrive = catalog.find("pipedrive").orElseThrow();
        assertThat(pipedrive.userInputFields(AuthType.OAUTH2)).isEmpty();
        assertThat(pipedrive.userInputFields(AuthType.API_KEY))
                .extracting(ConnectionConfigField::name).containsExactly("companyDomain");
        assertThat(catalog.find("github").orElseThrow().userInputFields(AuthType.BASIC)).isEmpty();
        assertThat(catalog.find("github").orElseThrow().userInputFields(AuthType.OAUTH2)).isEmpty();
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
                    assertThat(m.oauth2().tokenUrl()).as(p.key()).isNotBlank();
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

    // --- the rules added with colours, callback-query fields, default values and basic-password keys

    @Test
    void parse_acceptsAProviderThatUsesEveryNewField() {
        Provider acme = ProviderCatalog.parse(catalogOf(acmeOAuth())).find("acme").orElseThrow();
        assertThat(acme.userInputFields(AuthType.OAUTH2)).extracting(ConnectionConfigField::name).containsExactly("tenant");
        assertThat(acme.userInputFields(AuthType.API_KEY)).isEmpty();
        assertThat(acme.authMethod(AuthType.API_KEY).orElseThrow().inject().basicPassword()).isEqualTo("X");
        assertThat(acme.authMethod(AuthType.OAUTH2).orElseThrow().oauth2().refreshMarginSeconds()).isEqualTo(300);
    }

    @Test
    void parse_requiresABrandColour() {
        assertRejected(acmeOAuth().replace("\"#FF6600\"", "\"orange\""),
                "providers[0] (acme).color: required, #RRGGBB");
        assertRejected(acmeOAuth().replace("\"color\":\"#FF6600\",", ""),
                "providers[0] (acme).color: required, #RRGGBB");
    }

    @Test
    void parse_requiresTheParamOfACallbackQueryField_andOnlyThere() {
        assertRejected(acmeOAuth().replace("\"param\":\"realmId\",", ""),
                "providers[0] (acme).connectionConfig[1].param: required for CALLBACK_QUERY");
        assertRejected(acmeOAuth().replace("\"param\":\"realmId\"", "\"param\":\"realm id\""),
                "providers[0] (acme).connectionConfig[1].param: required for CALLBACK_QUERY, must match");
        assertRejected(acmeOAuth().replace("\"source\":\"USER_INPUT\",", "\"source\":\"USER_INPUT\",\"param\":\"t\","),
                "providers[0] (acme).connectionConfig[0].param: only for CALLBACK_QUERY fields");
    }

    @Test
    void parse_rejectsCallbackQueryFieldsWithoutAnAuthorizationCodeMethod() {
        String apiKeyOnly = """
                {"key":"acme","displayName":"Acme","categories":["crm"],"color":"#FF6600","docs":"https://docs.acme.example",
                 "baseUrl":"https://api.acme.example/{realm}",
                 "connectionConfig":[{"name":"realm","label":"Realm","source":"CALLBACK_QUERY","param":"realm",
                   "pattern":"^[0-9]+$","example":"1"}],
                 "authMethods":[{"type":"API_KEY","docs":"key","inject":{"in":"header","name":"X-Key"}}]}""";
        assertRejected(apiKeyOnly, "providers[0] (acme).connectionConfig: CALLBACK_QUERY fields need an OAUTH2 auth method");
        assertRejected(apiKeyOnly, "providers[0] (acme).authMethods[0] (provider baseUrl): placeholder {realm}"
                + " is a CALLBACK_QUERY field");
    }

    @Test
    void parse_requiresDefaultValuesToMatchThePattern_andOnlyOnUserInput() {
        assertRejected(acmeOAuth().replace("\"defaultValue\":\"common\"", "\"defaultValue\":\"not valid!\""),
                "providers[0] (acme).connectionConfig[0].defaultValue: must match the pattern");
        assertRejected(acmeOAuth().replace("\"param\":\"realmId\",", "\"param\":\"realmId\",\"defaultValue\":\"1\","),
                "providers[0] (acme).connectionConfig[1].defaultValue: only for USER_INPUT fields");
    }

    @Test
    void parse_rejectsAScopeParamTheFlowSetsItself_orFixesToo_orOnClientCredentials() {
        assertRejected(acmeOAuth().replace("\"scopeParam\":\"user_scope\"", "\"scopeParam\":\"state\""),
                "providers[0] (acme).authMethods[0].oauth2.scopeParam: a parameter name");
        assertRejected(acmeOAuth().replace("\"authorizationParams\":{\"prompt\":\"consent\"}",
                "\"authorizationParams\":{\"user_scope\":\"read\"}"),
                "providers[0] (acme).authMethods[0].oauth2.scopeParam: also fixed in authorizationParams");
        assertRejected("""
                {"key":"acme","displayName":"Acme","categories":["crm"],"color":"#FF6600","docs":"https://docs.acme.example",
                 "baseUrl":"https://api.acme.example",
                 "authMethods":[{"type":"OAUTH2_CLIENT_CREDENTIALS","docs":"cc","oauth2":{"tokenUrl":"https://acme.example/t",
                   "scopeParam":"user_scope","tokenExpiry":"ALWAYS","pkce":false,"refreshTokens":false}}]}""",
                "providers[0] (acme).authMethods[0].oauth2.scopeParam: OAUTH2_CLIENT_CREDENTIALS"
                        + " sends scopes as 'scope'");
    }

    @Test
    void parse_requiresTheTokenResponseRootToBeAJsonPointer_andAPositiveRefreshMargin() {
        assertRejected(acmeOAuth().replace("\"tokenResponseRoot\":\"/authed_user\"", "\"tokenResponseRoot\":\"authed_user\""),
                "providers[0] (acme).authMethods[0].oauth2.tokenResponseRoot: a JSON pointer");
        assertRejected(acmeOAuth().replace("\"refreshMarginSeconds\":300", "\"refreshMarginSeconds\":0"),
                "providers[0] (acme).authMethods[0].oauth2.refreshMarginSeconds: between 1 and 86400");
    }

    @Test
    void parse_allowsABasicPasswordOnlyOnAnApiKeySentInAHeader() {
        assertRejected(acmeOAuth().replace("\"in\":\"header\",\"name\":\"Authorization\",\"prefix\":\"Basic \"",
                "\"in\":\"query\",\"name\":\"key\""),
                "providers[0] (acme).authMethods[1].inject.basicPassword: only for an API_KEY sent in a header");
        assertRejected(acmeOAuth().replace("\"type\":\"API_KEY\"", "\"type\":\"BASIC\""),
                "providers[0] (acme).authMethods[1].inject.basicPassword: only for an API_KEY sent in a header");
        assertRejected(acmeOAuth().replace("\"basicPassword\":\"X\"", "\"basicPassword\":\"X\\u0007\""),
                "providers[0] (acme).authMethods[1].inject.basicPassword: at most 64 characters,"
                        + " no control characters");
    }

    @Test
    void parse_rejectsUrlsThatUseAFieldBeforeItHasAValue() {
        assertRejected(acmeOAuth().replace("https://{tenant}.acme.example/authorize",
                "https://{tenant}.acme.example/authorize/{realmId}"),
                "providers[0] (acme).authMethods[0].oauth2.authorizationUrl: placeholder {realmId}"
                        + " is a CALLBACK_QUERY field");
        assertRejected(acmeOAuth().replace("\"docs\":\"key\",\"baseUrl\":\"https://api.acme.example\"",
                "\"docs\":\"key\",\"baseUrl\":\"https://api.acme.example/{realmId}\""),
                "providers[0] (acme).authMethods[1].baseUrl: placeholder {realmId} is a CALLBACK_QUERY field");
    }

    @Test
    void parse_rejectsUnknownFieldsInTheNewObjectsToo() {
        assertRejected(acmeOAuth().replace("\"basicPassword\"", "\"basicpassword\""),
                "basicpassword");
        assertRejected(acmeOAuth().replace("\"scopeParam\"", "\"scopeParameter\""),
                "scopeParameter");
    }

    private static void assertRejected(String provider, String problem) {
        assertThatThrownBy(() -> ProviderCatalog.parse(catalogOf(provider)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    /** A valid provider that uses every field added with the 50-provider catalog. */
    private static String acmeOAuth() {
        return """
                {"key":"acme","displayName":"Acme","categories":["crm"],"color":"#FF6600","docs":"https://docs.acme.example",
                 "baseUrl":"https://api.acme.example/{realmId}",
                 "connectionConfig":[
                   {"name":"tenant","label":"Tenant","source":"USER_INPUT","pattern":"^[a-z]+$","example":"acme",
                    "defaultValue":"common"},
                   {"name":"realmId","label":"Realm","source":"CALLBACK_QUERY","param":"realmId","pattern":"^[0-9]+$",
                    "example":"1"}],
                 "authMethods":[
                   {"type":"OAUTH2","docs":"oauth","oauth2":{"authorizationUrl":"https://{tenant}.acme.example/authorize",
                     "tokenUrl":"https://{tenant}.acme.example/token/{realmId}","authorizationParams":{"prompt":"consent"},
                     "scopeParam":"user_scope","tokenResponseRoot":"/authed_user","refreshMarginSeconds":300,
                     "tokenExpiry":"ALWAYS","pkce":true,"refreshTokens":true}},
                   {"type":"API_KEY","docs":"key","baseUrl":"https://api.acme.example",
                    "inject":{"in":"header","name":"Authorization","prefix":"Basic ","basicPassword":"X"}}]}""";
    }

    private static List<String> allUrls(Provider p) {
        List<String> urls = new ArrayList<>();
        urls.add(p.docs());
        urls.add(p.baseUrl());
        p.connectionConfig().stream().map(ConnectionConfigField::discoveryUrl).forEach(urls::add);
        for (ProviderAuthMethod m : p.authMethods()) {
            urls.add(m.baseUrl());
            if (m.oauth2() != null) {
                urls.add(m.oauth2().authorizationUrl());
                urls.add(m.oauth2().tokenUrl());
                urls.add(m.oauth2().revocationUrl());
            }
        }
        urls.removeIf(Objects::isNull);
        return urls;
    }

    private static void assertKnownFields(String at, JsonNode node, Class<? extends Record> type) {
        if (node == null) {
            return;
        }
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(at).isSubsetOf(known);
    }

    private static void forEach(JsonNode array, BiConsumer<JsonNode, Integer> action) {
        for (int i = 0; array != null && i < array.size(); i++) {
            action.accept(array.get(i), i);
        }
    }

    private OAuth2Settings oauth2(String provider, AuthType type) {
        return catalog.find(provider).orElseThrow().authMethod(type).orElseThrow().oauth2();
    }

    private static String apiKeyProvider(String key) {
        return """
                {"key":"%s","displayName":"Acme","categories":["crm"],"color":"#FF6600","docs":"https://docs.acme.example",
                 "baseUrl":"https://api.acme.example",
                 "authMethods":[{"type":"API_KEY","docs":"key","inject":{"in":"header","name":"X-Key"}}]}"""
                .formatted(key);
    }

    private static String catalogOf(String... providers) {
        return "{\"docs\":\"test\",\"version\":1,\"providers\":[" + String.join(",", providers) + "]}";
    }
}
