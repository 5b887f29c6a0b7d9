package dev.keyway.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortalPagesTest {

    static Stream<Arguments> everyPage() {
        return Samples.allPages(Samples.CTX).entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    // ---- every page ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPage")
    void everyPage_shouldHaveDoctypeLangTitleMetaAndOneH1(String name, PortalPage page) {
        Document doc = Jsoup.parse(page.html());

        assertThat(page.html()).startsWith("<!doctype html>");
        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(doc.title()).endsWith(" · Acme CRM").doesNotStartWith(" ·");
        assertThat(doc.select("meta[name=viewport]").attr("content")).contains("width=device-width");
        assertThat(doc.select("meta[name=referrer]").attr("content")).isEqualTo("no-referrer");
        assertThat(doc.select("h1")).hasSize(1);
        assertThat(doc.select("main")).hasSize(1);
        assertThat(doc.select("main header").text()).isEqualTo("A Connect your account to Acme CRM");
        assertThat(doc.select("footer").text()).isEqualTo("Secured by Keyway");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPage")
    void everyPage_shouldLoadCssAndDeferredJsFromAssetBase(String name, PortalPage page) {
        Document doc = Jsoup.parse(page.html());

        assertThat(doc.select("link[rel=stylesheet]").attr("href")).matches("/connect/assets/portal\\.css\\?v=[0-9a-f]{10}");
        Element script = doc.selectFirst("script");
        assertThat(script.attr("src")).matches("/connect/assets/portal\\.js\\?v=[0-9a-f]{10}");
        assertThat(script.hasAttr("defer")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPage")
    void everyPage_shouldHaveNothingInlineThatTheCspBlocks(String name, PortalPage page) {
        Document doc = Jsoup.parse(page.html());

        assertThat(doc.select("style")).isEmpty();
        assertThat(doc.select("script")).allSatisfy(s -> {
            assertThat(s.attr("src")).isNotEmpty();
            assertThat(s.data()).isEmpty();
        });
        assertThat(doc.getAllElements()).allSatisfy(e -> assertThat(e.attributes().asList())
                .noneMatch(a -> a.getKey().startsWith("on") || a.getKey().equals("style")));
        assertThat(doc.select("[href], [src], [action]")).allSatisfy(e -> assertThat(
                e.attr("href") + e.attr("src") + e.attr("action")).doesNotContainIgnoringCase("javascript:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPage")
    void everyPage_shouldReferenceOnlyIdsThatExist(String name, PortalPage page) {
        Document doc = Jsoup.parse(page.html());

        for (Element e : doc.select("[aria-describedby], label[for]")) {
            String refs = e.hasAttr("for") ? e.attr("for") : e.attr("aria-describedby");
            for (String id : refs.split(" ")) {
                assertThat(doc.getElementById(id)).as("#%s referenced by %s", id, e.tagName()).isNotNull();
            }
        }
        List<String> ids = doc.select("[id]").eachAttr("id");
        assertThat(ids).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPage")
    void everyPage_shouldHideDecorativeSvgsFromScreenReaders(String name, PortalPage page) {
        assertThat(Jsoup.parse(page.html()).select("svg")).isNotEmpty().allSatisfy(svg ->
                assertThat(svg.attr("aria-hidden")).isEqualTo("true"));
    }

    @Test
    void appName_whenMissing_shouldFallBackWithoutDanglingWords() {
        PageContext ctx = new PageContext("/connect/assets", null, null);

        Document doc = Jsoup.parse(PortalPages.result(ctx, new Result.Expired()).html());

        assertThat(doc.title()).isEqualTo("Link expired · Keyway");
        assertThat(doc.select("main header").text()).endsWith("Connect your account");
        assertThat(doc.text()).contains("Go back to the app and start again.");
    }

    // ---- connector list ----

    @Test
    void connectorList_shouldRenderOneLinkPerTileNamedConnectName() {
        Document doc = Jsoup.parse(PortalPages.connectorList(Samples.CTX, Samples.tiles(), null).html());

        assertThat(doc.select("h1").text()).isEqualTo("Choose an app to connect");
        assertThat(doc.title()).isEqualTo("Choose an app to connect · Acme CRM");
        List<Element> links = doc.select(".tiles a");
        assertThat(links).hasSize(Samples.tiles().size());
        Element github = links.getFirst();
        assertThat(github.text()).isEqualTo("Connect GitHub");
        assertThat(github.select(".sr-only").text()).isEqualTo("Connect");
        assertThat(github.attr("href")).isEqualTo("/connect/github?session=cs_test_123");
        assertThat(doc.getElementById(github.attr("aria-describedby")).text()).isEqualTo("Developer tools");
        assertThat(links.getLast().hasAttr("aria-describedby")).as("no description, no reference").isFalse();
    }

    @Test
    void connectorList_shouldUseTheGivenHeadingAndSayWhenEmpty() {
        Document doc = Jsoup.parse(PortalPages.connectorList(Samples.CTX, List.of(), "Reconnect an app").html());

        assertThat(doc.select("h1").text()).isEqualTo("Reconnect an app");
        assertThat(doc.select(".tiles")).isEmpty();
        assertThat(doc.text()).contains("There is nothing to connect right now.");
    }

    @Test
    void badges_shouldBeLetterSvgsColouredByPresentationAttributes() {
        Document doc = Jsoup.parse(PortalPages.connectorList(Samples.CTX, Samples.tiles(), null).html());

        Element github = doc.selectFirst(".tiles li svg.badge");
        assertThat(github.selectFirst("rect").attr("fill")).isEqualTo("#24292F");
        assertThat(github.selectFirst("text").attr("fill")).isEqualTo("#FFFFFF");
        assertThat(github.selectFirst("text").text()).isEqualTo("G");
        Element legacy = doc.select(".tiles li svg.badge").last();
        assertThat(legacy.selectFirst("rect").attr("fill")).as("no colour: neutral grey").isEqualTo(Badge.NEUTRAL);
        assertThat(doc.select("img")).as("no third-party logos").isEmpty();
    }

    // ---- method choice ----

    @Test
    void methodChoice_shouldListOneLinkPerMethodAndABackLinkToTheList() {
        Document doc = Jsoup.parse(PortalPages.methodChoice(Samples.CTX, Samples.GITHUB, Samples.methods()).html());

        assertThat(doc.title()).isEqualTo("Connect GitHub · Acme CRM");
        assertThat(doc.select("h1").text()).isEqualTo("Connect GitHub");
        assertThat(doc.select(".options a").eachAttr("href")).containsExactly(
                "/connect/github/oauth?session=cs_test_123", "/connect/github/pat?session=cs_test_123",
                "/connect/github/app?session=cs_test_123");
        assertThat(doc.select(".options a .option-label").eachText())
                .containsExactly("Sign in with GitHub", "Personal access token", "GitHub App credentials");
        assertThat(doc.select(".options a").first().text()).contains("Recommended");
        assertThat(doc.select("a.back").attr("href")).isEqualTo("/connect?session=cs_test_123");
        assertThat(doc.select("a.back").text()).isEqualTo("All apps");
    }

    @Test
    void methodChoice_withExplicitBackHref_shouldUseItOrOmitTheLink() {
        String html = PortalPages.methodChoice(Samples.CTX, Samples.GITHUB, Samples.methods(), "/elsewhere").html();
        String none = PortalPages.methodChoice(Samples.CTX, Samples.GITHUB, Samples.methods(), null).html();

        assertThat(Jsoup.parse(html).select("a.back").attr("href")).isEqualTo("/elsewhere");
        assertThat(Jsoup.parse(none).select("a.back")).isEmpty();
    }

    @Test
    void portalHome_shouldBeTheParentOfAssetBaseWithTheSessionEncoded() {
        assertThat(PortalPages.portalHome(new PageContext("/connect/assets/", "A", "a b&c"))).isEqualTo("/connect?session=a+b%26c");
        assertThat(PortalPages.portalHome(new PageContext("https://kw.example/connect/assets", "A", null)))
                .isEqualTo("https://kw.example/connect");
        assertThat(PortalPages.portalHome(new PageContext("assets", "A", null))).isEqualTo("./");
    }

    // ---- form ----

    @Test
    void form_shouldBindEveryVisibleInputToALabel() {
        Document doc = Jsoup.parse(PortalPages.form(Samples.CTX, Samples.GITHUB, Samples.form(false), 200).html());

        List<Element> inputs = doc.select("input:not([type=hidden])");
        assertThat(inputs).hasSize(2).allSatisfy(input -> {
            Element label = doc.selectFirst("label[for=" + input.id() + "]");
            assertThat(label).as("label for %s", input.attr("name")).isNotNull();
            assertThat(label.text()).isNotBlank();
        });
        assertThat(doc.selectFirst("label[for=f-0]").text()).isEqualTo("GitHub Enterprise host (optional)");
    }

    @Test
    void form_shouldLinkHelpAndErrorsWithAriaDescribedby() {
        Document doc = Jsoup.parse(PortalPages.form(Samples.CTX, Samples.GITHUB, Samples.form(true), 422).html());

        Element token = doc.selectFirst("input[name=apiKey]");
        assertThat(token.attr("aria-describedby")).isEqualTo("f-1-error f-1-help");
        assertThat(doc.getElementById("f-1-help").text()).startsWith("Create one under Settings");
        assertThat(doc.getElementById("f-1-error").text()).isEqualTo("GitHub says this token is not valid.");
        assertThat(token.attr("aria-invalid")).isEqualTo("true");
        assertThat(doc.selectFirst("input[name=subdomain]").hasAttr("autofocus")).as("first field in error").isTrue();
        assertThat(token.hasAttr("autofocus")).isFalse();

        Document clean = Jsoup.parse(PortalPages.form(Samples.CTX, Samples.GITHUB, Samples.form(false), 200).html());
        assertThat(clean.selectFirst("input[name=apiKey]").attr("aria-describedby")).isEqualTo("f-1-help");
        assertThat(clean.select("[aria-invalid], [autofocus], [role=alert]")).isEmpty();
    }

    @Test
    void form_withError_shouldAnnounceItAsAnAlertAndSayErrorInTheTitle() {
        PortalPage page = PortalPages.form(Samples.CTX, Samples.GITHUB, Samples.form(true), 422);
        Document doc = Jsoup.parse(page.html());

        assertThat(page.status()).isEqualTo(422);
        assertThat(doc.select("[role=alert]")).hasSize(1);
        assertThat(doc.selectFirst("[role=alert]").text()).isEqualTo("We couldn't connect to GitHub with these details.");
        assertThat(doc.title()).isEqualTo("Error: Connect GitHub · Acme CRM");
    }

    @Test
    void form_shouldUseNativeValidationAndKeepSecretsOutOfTheBrowser() {
        Document doc = Jsoup.parse(PortalPages.form(Samples.CTX, Samples.GITHUB, Samples.form(true), 422).html());

        Element token = doc.selectFirst("input[name=apiKey]");
        assertThat(token.attr("type")).isEqualTo("password");
        assertThat(token.attr("autocomplete")).isEqualTo("off");
        assertThat(token.hasAttr("required")).isTrue();
        assertThat(token.attr("pattern")).isEqualTo("gh[pousr]_[A-Za-z0-9]{36,}");
        assertThat(token.attr("placeholder")).isEqualTo("ghp_…");
        assertThat(token.hasAttr("value")).as("a secret is never sent back").isFalse();
        assertThat(doc.html()).doesNotContain("never-rendered-secret");
        Element host = doc.selectFirst("input[name=subdomain]");
        assertThat(host.attr("value")).isEqualTo("github.acme.internal");
        assertThat(host.hasAttr("required")).isFalse();
        assertThat(doc.selectFirst("form").hasAttr("novalidate")).isFalse();
    }

    @Test
    void form_shouldCarryTheSessionAndHiddenFieldsAndASubmitButton() {
        Document doc = Jsoup.parse(PortalPages.form(Samples.CTX, Samples.GITHUB, Samples.form(false), 200).html());

        Element form = doc.selectFirst("form");
        assertThat(form.attr("action")).isEqualTo("/connect/github/pat");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.select("input[type=hidden]").eachAttr("name")).containsExactly("session", "authMethod");
        assertThat(form.selectFirst("input[name=session]").val()).isEqualTo("cs_test_123");
        assertThat(form.select("button[type=submit]").text()).isEqualTo("Connect GitHub");
        assertThat(doc.select(".note").text()).isEqualTo("Keyway checks these with GitHub before saving them, encrypted.");
        assertThat(doc.select("a.back").attr("href")).isEqualTo("/connect?session=cs_test_123");
    }

    @Test
    void form_withoutSessionToken_shouldHaveNoSessionField() {
        PageContext ctx = new PageContext("/connect/assets", "Acme CRM", null);
        Form form = new Form("/x", "GET", Map.of("session", "forged"), List.of(), null, null, null);

        Document doc = Jsoup.parse(PortalPages.form(ctx, Samples.GITHUB, form, 200).html());

        assertThat(doc.select("input[name=session]")).as("hidden map cannot stand in for the session").isEmpty();
        assertThat(doc.selectFirst("form").attr("method")).isEqualTo("get");
        assertThat(doc.select("button[type=submit]").text()).isEqualTo("Connect");
    }

    @Test
    void form_withUnsafeActionOrStatus_shouldThrow() {
        Form bad = new Form("javascript:alert(1)", "post", null, List.of(), "Go", null, null);

        assertThatThrownBy(() -> PortalPages.form(Samples.CTX, Samples.GITHUB, bad, 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> PortalPages.form(Samples.CTX, Samples.GITHUB, Samples.form(false), 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- results ----

    @Test
    void result_shouldAnswerTheStatusOfEachOutcome() {
        Map<String, Result> results = Samples.results();

        assertThat(status(results.get("success"))).isEqualTo(200);
        assertThat(status(results.get("success-popup"))).isEqualTo(200);
        assertThat(status(results.get("denied"))).isEqualTo(200);
        assertThat(status(new Result.Expired())).isEqualTo(410);
        assertThat(status(results.get("provider-error"))).isEqualTo(502);
        assertThat(status(results.get("rejected"))).isEqualTo(422);
        assertThat(status(results.get("invalid"))).isEqualTo(400);
    }

    @Test
    void success_shouldShowACheckAndTheConnector() {
        Document doc = result(Samples.results().get("success"));

        assertThat(doc.select(".status-success svg")).hasSize(1);
        assertThat(doc.select("h1").text()).isEqualTo("Connected to GitHub");
        assertThat(doc.text()).contains("Your GitHub account is now connected to Acme CRM.");
        assertThat(doc.selectFirst("main").attr("data-linked-account")).isEqualTo("la_9f2c");
        assertThat(doc.select("[data-post-origin], [data-close], .actions")).as("Finish.None: nothing to finish").isEmpty();
    }

    @Test
    void success_withPostMessage_shouldCarryTheExactOriginAndPayloadForPortalJs() {
        PortalPage page = PortalPages.result(Samples.CTX, Samples.results().get("success-popup"));
        Element main = Jsoup.parse(page.html()).selectFirst("main");

        assertThat(main.attr("data-post-origin")).isEqualTo("https://app.acme.example");
        assertThat(main.attr("data-post-message")).isEqualTo(Samples.PAYLOAD);
        assertThat(main.hasAttr("data-autoclose")).isTrue();
        assertThat(page.html()).contains("data-post-message=\"{&quot;type&quot;:&quot;keyway:connected&quot;,");
        assertThat(main.text()).contains("You can close this window");
        Element back = main.selectFirst("a[data-close]");
        assertThat(back.attr("href")).as("a way back without script").isEqualTo("https://app.acme.example");
        assertThat(back.text()).isEqualTo("Return to Acme CRM");
    }

    @Test
    void postMessage_shouldRefuseAWildcardOrAnythingButAnOrigin() {
        for (String origin : new String[] {"*", null, "", "https://app.example/path", "javascript:alert(1)",
                "https://app.example\" onload=\"x", "app.example"}) {
            assertThatThrownBy(() -> new Finish.PostMessage(origin, "{}")).as(origin)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new Finish.PostMessage("http://127.0.0.1:5173", "{}").targetOrigin()).isEqualTo("http://127.0.0.1:5173");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPage")
    void postMessageOrigin_shouldNeverBeAWildcard(String name, PortalPage page) {
        assertThat(Jsoup.parse(page.html()).select("[data-post-origin]").eachAttr("data-post-origin"))
                .allSatisfy(origin -> assertThat(origin).startsWith("https://").doesNotContain("*"));
    }

    @Test
    void denied_shouldPostButNotCloseAndOfferARetry() {
        Document doc = result(Samples.results().get("denied"));

        assertThat(doc.select("h1").text()).isEqualTo("Connection cancelled");
        assertThat(doc.text()).contains("Acme CRM was not given access to your GitHub account.");
        assertThat(doc.selectFirst("main").attr("data-post-message")).contains("keyway:denied");
        assertThat(doc.selectFirst("main").hasAttr("data-autoclose")).as("the user may want to retry").isFalse();
        assertThat(doc.select(".actions a").eachText()).containsExactly("Try again", "Return to Acme CRM");
        assertThat(doc.selectFirst(".actions a").attr("href")).isEqualTo("/connect/github?session=cs_test_123");
    }

    @Test
    void expired_shouldSendTheUserBackToTheApp() {
        Document doc = result(new Result.Expired());

        assertThat(doc.select("h1").text()).isEqualTo("This link has expired");
        assertThat(doc.text()).contains("Go back to Acme CRM and start again.");
        assertThat(doc.select(".actions")).isEmpty();
    }

    @Test
    void providerError_shouldShowTheCodeAndMessage() {
        Document doc = result(Samples.results().get("provider-error"));

        assertThat(doc.select("h1").text()).isEqualTo("GitHub couldn't complete the connection");
        assertThat(doc.select("code").text()).isEqualTo("invalid_grant");
        assertThat(doc.text()).contains("The authorization code was already used or has expired.");
        assertThat(doc.select(".actions a").eachText()).containsExactly("Try again");
    }

    @Test
    void rejectedAndInvalidRequest_shouldExplainWhatHappened() {
        Document rejected = result(Samples.results().get("rejected"));
        Document invalid = result(Samples.results().get("invalid"));

        assertThat(rejected.select("h1").text()).isEqualTo("GitHub didn't accept those credentials");
        assertThat(rejected.text()).contains("Bad credentials.");
        assertThat(rejected.selectFirst(".actions a").attr("href")).isEqualTo("/connect/github/pat?session=cs_test_123");
        assertThat(invalid.select("h1").text()).isEqualTo("This link isn't valid");
        assertThat(invalid.text()).contains("The link is missing its session.");
    }

    @Test
    void resultsWithNullFields_shouldStillRender() {
        Result[] results = {
            new Result.Success(null, null, new Finish.None()),
            new Result.Denied(null, null, new Finish.None()),
            new Result.ProviderError(null, null, null, null, new Finish.None()),
            new Result.Rejected(null, null, null),
            new Result.InvalidRequest(null)};

        assertThat(Arrays.stream(results).map(PortalPagesTest::result)).allSatisfy(doc -> {
            assertThat(doc.select("h1").text()).isNotBlank().doesNotContain("null");
            assertThat(doc.text()).doesNotContain("null");
        });
    }

    private static int status(Result r) {
        return PortalPages.result(Samples.CTX, r).status();
    }

    private static Document result(Result r) {
        return Jsoup.parse(PortalPages.result(Samples.CTX, r).html());
    }
}
