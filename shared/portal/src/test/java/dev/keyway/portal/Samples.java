package dev.keyway.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic page inputs shared by the tests and the preview. */
final class Samples {
    private Samples() {}

    static final PageContext CTX = new PageContext("/connect/assets", "Acme CRM", "cs_test_123");

    static final ConnectorTile GITHUB =
            new ConnectorTile("github", "GitHub", "#24292F", "Developer tools", "/connect/github?session=cs_test_123");

    static List<ConnectorTile> tiles() {
        return List.of(
                GITHUB,
                new ConnectorTile("slack", "Slack", "#4A154B", "Communication", "/connect/slack?session=cs_test_123"),
                new ConnectorTile("salesforce", "Salesforce", "#00A1E0", "CRM · Sales", "/connect/salesforce?session=cs_test_123"),
                new ConnectorTile("notion", "Notion", "#FFFFFF", "Productivity · Docs", "/connect/notion?session=cs_test_123"),
                new ConnectorTile("stripe", "Stripe", "#635BFF", "Payments", "/connect/stripe?session=cs_test_123"),
                new ConnectorTile("mailchimp", "Mailchimp", "#FFE01B", "Marketing", "/connect/mailchimp?session=cs_test_123"),
                new ConnectorTile("acme-legacy", "Acme Legacy API", null, null, "/connect/acme-legacy?session=cs_test_123"));
    }

    static List<MethodOption> methods() {
        return List.of(
                new MethodOption("oauth", "OAUTH2", "Sign in with GitHub", "/connect/github/oauth?session=cs_test_123"),
                new MethodOption("pat", "API_KEY", "Personal access token", "/connect/github/pat?session=cs_test_123"),
                new MethodOption("app", "OAUTH2_CLIENT_CREDENTIALS", "GitHub App credentials", "/connect/github/app?session=cs_test_123"));
    }

    static Form form(boolean withErrors) {
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("authMethod", "pat");
        return new Form("/connect/github/pat", "post", hidden, List.of(
                new FormField("subdomain", "GitHub Enterprise host", "Leave empty for github.com.", "text",
                        "[a-z0-9.-]+", "github.example.com", false, withErrors ? "github.acme.internal" : null,
                        withErrors ? "This host could not be reached." : null),
                new FormField("apiKey", "Personal access token",
                        "Create one under Settings → Developer settings → Tokens, with the repo scope.", "password",
                        "gh[pousr]_[A-Za-z0-9]{36,}", "ghp_…", true, "never-rendered-secret",
                        withErrors ? "GitHub says this token is not valid." : null)),
                "Connect GitHub", withErrors ? "We couldn't connect to GitHub with these details." : null,
                "Keyway checks these with GitHub before saving them, encrypted.");
    }

    /** Every page the portal renders, by a short name. */
    static Map<String, PortalPage> allPages(PageContext ctx) {
        Map<String, PortalPage> pages = new LinkedHashMap<>();
        pages.put("list", PortalPages.connectorList(ctx, tiles(), null));
        pages.put("list-empty", PortalPages.connectorList(ctx, List.of(), "Reconnect an app"));
        pages.put("method", PortalPages.methodChoice(ctx, GITHUB, methods()));
        pages.put("form", PortalPages.form(ctx, GITHUB, form(false), 200));
        pages.put("form-errors", PortalPages.form(ctx, GITHUB, form(true), 422));
        results().forEach((name, result) -> pages.put(name, PortalPages.result(ctx, result)));
        return pages;
    }

    static final String PAYLOAD = "{\"type\":\"keyway:connected\",\"linkedAccountId\":\"la_9f2c\",\"connector\":\"github\"}";

    static Map<String, Result> results() {
        Map<String, Result> r = new LinkedHashMap<>();
        Finish popup = new Finish.PostMessage("https://app.acme.example", PAYLOAD);
        r.put("success-popup", new Result.Success("GitHub", "la_9f2c", popup));
        r.put("success", new Result.Success("GitHub", "la_9f2c", new Finish.None()));
        r.put("denied", new Result.Denied("GitHub", "/connect/github?session=cs_test_123",
                new Finish.PostMessage("https://app.acme.example", "{\"type\":\"keyway:denied\",\"connector\":\"github\"}")));
        r.put("expired", new Result.Expired());
        r.put("provider-error", new Result.ProviderError("GitHub", "invalid_grant",
                "The authorization code was already used or has expired.", "/connect/github?session=cs_test_123",
                new Finish.None()));
        r.put("rejected", new Result.Rejected("GitHub", "GitHub answered 401 Unauthorized: Bad credentials.",
                "/connect/github/pat?session=cs_test_123"));
        r.put("invalid", new Result.InvalidRequest("The link is missing its session."));
        return r;
    }
}
