package dev.keyway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the app, the provider or the user put in a name, URL or value, it arrives as text, never as markup. */
class EscapingTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String QUOTES = "x\" autofocus onfocus=\"alert(1)' onmouseover='alert(2)";

    @Test
    void connectorNamedScript_shouldAppearEscapedEverywhere() {
        ConnectorTile evil = new ConnectorTile("evil", SCRIPT, "#000000", SCRIPT, "/connect/evil");
        PageContext ctx = new PageContext("/connect/assets", SCRIPT, SCRIPT);
        List<String> pages = List.of(
                PortalPages.connectorList(ctx, List.of(evil), SCRIPT).html(),
                PortalPages.methodChoice(ctx, evil, List.of(new MethodOption("m", "API_KEY", SCRIPT, "/m"))).html(),
                PortalPages.form(ctx, evil, Samples.form(true), 422).html(),
                PortalPages.result(ctx, new Result.Success(SCRIPT, SCRIPT, new Finish.PostMessage("https://a.example", SCRIPT))).html(),
                PortalPages.result(ctx, new Result.ProviderError(SCRIPT, SCRIPT, SCRIPT, null, new Finish.None())).html(),
                PortalPages.result(ctx, new Result.Rejected(SCRIPT, SCRIPT, null)).html(),
                PortalPages.result(ctx, new Result.InvalidRequest(SCRIPT)).html());

        assertThat(pages).allSatisfy(html -> {
            assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            Document doc = Jsoup.parse(html);
            assertThat(doc.select("script")).hasSize(1); // portal.js only
            assertThat(doc.select("main").text()).contains(SCRIPT);
        });
    }

    @Test
    void valuesWithQuotes_shouldStayInsideTheirAttributes() {
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put(QUOTES, QUOTES);
        Form form = new Form("/submit?a=1&b=" + "%22", "post", hidden, List.of(new FormField(QUOTES, QUOTES, QUOTES,
                "text", QUOTES, QUOTES, true, QUOTES, QUOTES)), QUOTES, QUOTES, QUOTES);
        PageContext ctx = new PageContext("/connect/assets", QUOTES, QUOTES);

        Document doc = Jsoup.parse(PortalPages.form(ctx, Samples.GITHUB, form, 400).html());

        assertThat(doc.select("[onfocus], [onmouseover]")).isEmpty();
        assertThat(doc.selectFirst("input[type=text]").attr("value")).isEqualTo(QUOTES);
        assertThat(doc.selectFirst("input[type=text]").attr("pattern")).isEqualTo(QUOTES);
        assertThat(doc.selectFirst("input[type=text]").attr("placeholder")).isEqualTo(QUOTES);
        assertThat(doc.selectFirst("input[type=text]").attr("name")).isEqualTo(QUOTES);
        assertThat(doc.selectFirst("input[name=session]").val()).isEqualTo(QUOTES);
        assertThat(doc.select("input[type=hidden]").get(1).attr("name")).isEqualTo(QUOTES);
        assertThat(doc.selectFirst("form").attr("action")).isEqualTo("/submit?a=1&b=%22");
        assertThat(doc.select("input[autofocus]")).hasSize(1); // ours, on the field in error: not the injected one
    }

    @Test
    void payloadJson_shouldRoundTripThroughItsAttribute() {
        String payload = "{\"type\":\"keyway:connected\",\"note\":\"it's <b>&amp; \\\"quoted\\\"</b>\"}";
        Result r = new Result.Success("GitHub", "la_1", new Finish.PostMessage("https://app.example:8443", payload));

        String html = PortalPages.result(Samples.CTX, r).html();

        assertThat(Jsoup.parse(html).selectFirst("main").attr("data-post-message")).isEqualTo(payload);
        assertThat(html).doesNotContain("<b>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
            "javascript\n:alert(1)", "\u0000javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "//evil.example/x", "\\\\evil.example", "/\\evil.example", "https:evil.example",
            "https://", "http:///path", "file:///etc/passwd"})
    void unsafeHref_shouldNotBeEmittedAnywhere(String href) {
        ConnectorTile tile = new ConnectorTile("x", "X", null, null, href);
        List<String> pages = List.of(
                PortalPages.connectorList(Samples.CTX, List.of(tile), null).html(),
                PortalPages.methodChoice(Samples.CTX, tile, List.of(new MethodOption("m", "OAUTH2", "Sign in", href)), href).html(),
                PortalPages.form(Samples.CTX, tile, Samples.form(false), 200, href).html(),
                PortalPages.result(Samples.CTX, new Result.Denied("X", href, new Finish.None())).html(),
                PortalPages.result(Samples.CTX, new Result.ProviderError("X", "c", "m", href, new Finish.None())).html(),
                PortalPages.result(Samples.CTX, new Result.Rejected("X", "m", href)).html());

        assertThat(pages).allSatisfy(html -> {
            Document doc = Jsoup.parse(html);
            assertThat(doc.select("a[href]").eachAttr("href")).allSatisfy(h ->
                    assertThat(h).doesNotContainIgnoringCase("script").doesNotContain("evil").doesNotStartWith("data:"));
        });
        assertThat(Jsoup.parse(pages.getFirst()).select(".tile.is-disabled")).as("the tile stays, without a link").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/connect/github?session=a&b=c", "https://github.com/login/oauth/authorize?x=1",
            "http://127.0.0.1:3000/cb", "?session=x", "#top", "pat?x=1", "./pat", "../list", "HTTPS://EXAMPLE.COM"})
    void safeHref_shouldBeKept(String href) {
        assertThat(Html.safeUrl(href)).contains(href);
    }

    @Test
    void escape_shouldCoverTextAndBothAttributeQuotes() {
        assertThat(Html.esc("<a href='x' title=\"y\">&`</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&#96;&lt;/a&gt;");
        assertThat(Html.esc("a\u0000b\u0007c\td")).isEqualTo("a\uFFFDb\uFFFDc\td");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.esc("plain")).isEqualTo("plain");
    }
}
