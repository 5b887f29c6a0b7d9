package dev.keyway.portal;

import static dev.keyway.portal.Html.blank;
import static dev.keyway.portal.Html.esc;
import static dev.keyway.portal.Html.or;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted portal's pages, rendered to HTML strings. Pure: no I/O, no HTTP; the connect and oauth-callback
 * functions put the result in a response with {@link PortalHeaders#page}.
 *
 * <p>Every page works without JavaScript (links and HTML forms); portal.js only finishes popup/iframe flows and
 * disables a submit button while its form is submitting. Everything interpolated is escaped; links are emitted only
 * for http(s) and relative URLs.
 */
public final class PortalPages {
    private PortalPages() {}

    // Inline (img-src allows data:) so the browser doesn't ask the API for /favicon.ico.
    private static final String FAVICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'"
            + " viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%234f46e5'/%3E%3Cpath"
            + " d='M11 15.5v-3a5 5 0 0 1 10 0v3M9.5 15.5h13v9h-13z' fill='none' stroke='%23fff' stroke-width='2.4'"
            + " stroke-linejoin='round'/%3E%3C/svg%3E";
    private static final String DEFAULT_LIST_HEADING = "Choose an app to connect";

    /** The connector list: a grid of tiles, each a link named "Connect &lt;Name&gt;". */
    public static PortalPage connectorList(PageContext ctx, List<ConnectorTile> tiles, String heading) {
        String h1 = or(heading, DEFAULT_LIST_HEADING);
        StringBuilder b = new StringBuilder(2048);
        b.append("<h1>").append(esc(h1)).append("</h1>");
        List<ConnectorTile> list = tiles == null ? List.of() : tiles;
        if (list.isEmpty()) {
            b.append("<p class=\"lede\">There is nothing to connect right now. Go back to ")
                    .append(esc(app(ctx))).append(" and try again later.</p>");
        } else {
            b.append("<p class=\"lede\">").append(esc(sentence(app(ctx))))
                    .append(" will be able to use the account you connect.</p>");
            b.append("<ul class=\"tiles\" role=\"list\">");
            for (int i = 0; i < list.size(); i++) {
                tile(b, list.get(i), "tile-" + i);
            }
            b.append("</ul>");
        }
        return new PortalPage(200, document(ctx, "list", h1, "", b));
    }

    /** The method choice for one connector, back link to the connector list (the parent of ctx.assetBase). */
    public static PortalPage methodChoice(PageContext ctx, ConnectorTile connector, List<MethodOption> options) {
        return methodChoice(ctx, connector, options, portalHome(ctx));
    }

    /** As {@link #methodChoice(PageContext, ConnectorTile, List)} with an explicit back link (null: none). */
    public static PortalPage methodChoice(PageContext ctx, ConnectorTile connector, List<MethodOption> options,
                                          String backHref) {
        String name = connectorName(connector);
        StringBuilder b = new StringBuilder(2048);
        connectorHeading(b, connector, "Choose how to connect your " + name + " account.");
        List<MethodOption> list = options == null ? List.of() : options;
        if (list.isEmpty()) {
            b.append("<p class=\"lede\">").append(esc(name)).append(" can't be connected right now.</p>");
        } else {
            b.append("<ul class=\"options\" role=\"list\">");
            for (int i = 0; i < list.size(); i++) {
                option(b, list.get(i), name, i == 0 && list.size() > 1);
            }
            b.append("</ul>");
        }
        back(b, backHref, "All apps");
        return new PortalPage(200, document(ctx, "method", "Connect " + name, "", b));
    }

    /**
     * A credentials form. {@code status} is 200, or 400/422 when re-rendered with errors. Back link to the
     * connector list (the parent of ctx.assetBase).
     *
     * @throws IllegalArgumentException if the form's action is not an http(s) or relative URL
     */
    public static PortalPage form(PageContext ctx, ConnectorTile connector, Form form, int status) {
        return form(ctx, connector, form, status, portalHome(ctx));
    }

    /** As {@link #form(PageContext, ConnectorTile, Form, int)} with an explicit back link (null: none). */
    public static PortalPage form(PageContext ctx, ConnectorTile connector, Form form, int status, String backHref) {
        checkStatus(status);
        String action = Html.safeUrl(form.action()).orElseThrow(() -> new IllegalArgumentException(
                "form action must be an http(s) or relative URL: " + form.action()));
        String method = "get".equalsIgnoreCase(form.method()) ? "get" : "post";
        String name = connectorName(connector);
        List<FormField> fields = form.fields() == null ? List.of() : form.fields();
        boolean hasErrors = !blank(form.error()) || fields.stream().anyMatch(f -> !blank(f.error()));

        StringBuilder b = new StringBuilder(4096);
        connectorHeading(b, connector, fields.isEmpty()
                ? "Sign in to " + name + " to give " + app(ctx) + " access to your account."
                : sentence(app(ctx)) + " will use these details to access your " + name + " account.");
        b.append("<form class=\"form\" action=\"").append(esc(action)).append("\" method=\"").append(method).append('"')
                // A new window without script too; portal.js makes it a popup and keeps the form usable.
                .append(switch (form.next()) {
                    case NEW_WINDOW -> " target=\"_blank\" data-new-window";
                    case AUTO -> " data-auto-submit data-submitting=\"Connecting…\"";
                    case SUBMIT -> " data-submitting=\"Connecting…\"";
                })
                .append('>');
        if (!blank(form.error())) {
            b.append("<div class=\"alert\" role=\"alert\" id=\"form-error\">")
                    .append(Icons.svg(Icons.ALERT, "alert-icon")).append("<p>").append(esc(form.error()))
                    .append("</p></div>");
        }
        if (ctx != null && ctx.sessionToken() != null) {
            hidden(b, "session", ctx.sessionToken());
        }
        if (form.hidden() != null) {
            for (Map.Entry<String, String> e : form.hidden().entrySet()) {
                if (!"session".equals(e.getKey())) {
                    hidden(b, e.getKey(), e.getValue());
                }
            }
        }
        boolean focusSet = false;
        for (int i = 0; i < fields.size(); i++) {
            FormField f = fields.get(i);
            boolean autofocus = !focusSet && !blank(f.error());
            focusSet |= autofocus;
            field(b, f, "f-" + i, autofocus);
        }
        if (!blank(form.note())) {
            b.append("<p class=\"note\">").append(Icons.svg(Icons.LOCK, "note-icon")).append("<span>")
                    .append(esc(form.note())).append("</span></p>");
        }
        b.append("<button type=\"submit\" class=\"button primary\"><span class=\"spinner\" aria-hidden=\"true\">")
                .append("</span><span class=\"button-label\">").append(esc(or(form.submitLabel(), "Connect")))
                .append("</span></button></form>");
        back(b, backHref, "Back");
        String title = (hasErrors ? "Error: " : "") + "Connect " + name;
        return new PortalPage(status, document(ctx, "form", title, "", b));
    }

    /** A result page; status: Success 200, Denied 200, Expired 410, ProviderError 502, Rejected 422, InvalidRequest 400. */
    public static PortalPage result(PageContext ctx, Result result) {
        String app = app(ctx);
        StringBuilder b = new StringBuilder(2048);
        return switch (result) {
            case Result.Success s -> {
                String account = blank(s.connectorName()) ? "Your account" : "Your " + s.connectorName() + " account";
                status(b, "success", Icons.CHECK, "Connected to " + or(s.connectorName(), app));
                b.append("<p class=\"lede\">").append(esc(account + " is now connected to " + app + "."))
                        .append("</p>");
                String attrs = finishBlock(b, s.finish(), app, null, true)
                        + (blank(s.linkedAccountId()) ? "" : " data-linked-account=\"" + esc(s.linkedAccountId()) + "\"");
                yield new PortalPage(200, document(ctx, "result", "Connected", attrs, b));
            }
            case Result.Denied d -> {
                status(b, "neutral", Icons.CROSS, "Connection cancelled");
                b.append("<p class=\"lede\">").append(esc(app)).append(" was not given access to your ")
                        .append(blank(d.connectorName()) ? "account" : esc(d.connectorName()) + " account")
                        .append(". Nothing was saved.</p>");
                String attrs = finishBlock(b, d.finish(), app, d.retryHref(), false);
                yield new PortalPage(200, document(ctx, "result", "Connection cancelled", attrs, b));
            }
            case Result.Expired e -> {
                status(b, "warning", Icons.CLOCK, "This link has expired");
                b.append("<p class=\"lede\">For your security, connection links work only once and only for a few")
                        .append(" minutes. Go back to ").append(esc(app)).append(" and start again.</p>");
                yield new PortalPage(410, document(ctx, "result", "Link expired", "", b));
            }
            case Result.ProviderError p -> {
                String name = or(p.connectorName(), "The provider");
                status(b, "error", Icons.ALERT, name + " couldn't complete the connection");
                b.append("<p class=\"lede\">").append(esc(or(p.message(), "Something went wrong at " + name + ".")))
                        .append("</p>");
                if (!blank(p.code())) {
                    b.append("<p class=\"code\">Error code <code>").append(esc(p.code())).append("</code></p>");
                }
                String attrs = finishBlock(b, p.finish(), app, p.retryHref(), false);
                yield new PortalPage(502, document(ctx, "result", "Connection failed", attrs, b));
            }
            case Result.Rejected r -> {
                String name = or(r.connectorName(), "The provider");
                status(b, "error", Icons.KEY, name + " didn't accept those credentials");
                b.append("<p class=\"lede\">").append(esc(or(r.message(), "Check them and try again."))).append("</p>");
                actions(b, r.retryHref(), null);
                yield new PortalPage(422, document(ctx, "result", "Credentials rejected", "", b));
            }
            case Result.InvalidRequest i -> {
                status(b, "error", Icons.ALERT, "This link isn't valid");
                b.append("<p class=\"lede\">").append(esc(or(i.message(), "The request is incomplete.")))
                        .append("</p><p class=\"hint\">Go back to ").append(esc(app)).append(" and start again.</p>");
                yield new PortalPage(400, document(ctx, "result", "Invalid request", "", b));
            }
        };
    }

    // ---- pieces ----

    /**
     * The link holds only "Connect &lt;Name&gt;" (the verb visually hidden) so its accessible name is exactly that and
     * contains its visible text; the description sits outside it, tied by aria-describedby, and CSS stretches the
     * link over the whole tile.
     */
    private static void tile(StringBuilder b, ConnectorTile t, String id) {
        String name = connectorName(t);
        boolean hasDesc = !blank(t.description());
        Optional<String> href = Html.safeUrl(t.href());
        b.append("<li class=\"tile").append(href.isPresent() ? "" : " is-disabled").append("\">")
                .append(Badge.svg(name, t.color(), 40, "badge")).append("<span class=\"tile-text\">");
        if (href.isPresent()) {
            b.append("<a class=\"tile-name\" href=\"").append(esc(href.get())).append('"');
            if (hasDesc) {
                b.append(" aria-describedby=\"").append(id).append("-desc\"");
            }
            b.append("><span class=\"sr-only\">Connect </span>").append(esc(name)).append("</a>");
        } else {
            b.append("<span class=\"tile-name\">").append(esc(name)).append("</span>");
        }
        if (hasDesc) {
            b.append("<span class=\"tile-desc\" id=\"").append(id).append("-desc\">").append(esc(t.description()))
                    .append("</span>");
        }
        b.append("</span>");
        if (href.isPresent()) {
            b.append(Icons.svg(Icons.CHEVRON, "chevron"));
        }
        b.append("</li>");
    }

    private static void option(StringBuilder b, MethodOption o, String connectorName, boolean first) {
        String type = o.type() == null ? "" : o.type().toUpperCase(Locale.ROOT);
        String icon;
        String hint;
        switch (type) {
            case "OAUTH2" -> {
                icon = Icons.SIGN_IN;
                hint = "You'll sign in on " + connectorName + " and approve access";
            }
            case "API_KEY" -> {
                icon = Icons.KEY;
                hint = "Paste a key or token from your " + connectorName + " settings";
            }
            case "BASIC" -> {
                icon = Icons.USER;
                hint = "Use your " + connectorName + " username and password";
            }
            case "OAUTH2_CLIENT_CREDENTIALS" -> {
                icon = Icons.SERVER;
                hint = "Use a client ID and client secret";
            }
            default -> {
                icon = Icons.LOCK;
                hint = null;
            }
        }
        if (first && type.equals("OAUTH2")) {
            hint = "Recommended · " + hint;
        }
        Optional<String> href = Html.safeUrl(o.href());
        String label = or(o.label(), connectorName);
        b.append("<li>");
        b.append(href.isPresent() ? "<a class=\"option\" href=\"" + esc(href.get()) + "\">" : "<div class=\"option is-disabled\">");
        b.append("<span class=\"option-icon\">").append(Icons.svg(icon, "")).append("</span><span class=\"option-text\">")
                .append("<span class=\"option-label\">").append(esc(label)).append("</span>");
        if (hint != null) {
            b.append("<span class=\"option-hint\">").append(esc(hint)).append("</span>");
        }
        b.append("</span>");
        b.append(href.isPresent() ? Icons.svg(Icons.CHEVRON, "chevron") + "</a>" : "</div>");
        b.append("</li>");
    }

    private static void field(StringBuilder b, FormField f, String id, boolean autofocus) {
        String type = switch (f.inputType() == null ? "" : f.inputType().toLowerCase(Locale.ROOT)) {
            case "password" -> "password";
            case "url" -> "url";
            case "number" -> "number";
            case "textarea" -> "textarea";
            case "boolean" -> "boolean";
            default -> "text";
        };
        boolean hasHelp = !blank(f.help());
        boolean hasError = !blank(f.error());
        b.append("<div class=\"field").append(hasError ? " has-error" : "").append("\"><label for=\"").append(id)
                .append("\">").append(esc(or(f.label(), f.name())));
        if (!f.required()) {
            b.append(" <span class=\"optional\">(optional)</span>");
        }
        b.append("</label>");
        if (hasHelp) {
            b.append("<p class=\"help\" id=\"").append(id).append("-help\">").append(esc(f.help())).append("</p>");
        }
        String tag = type.equals("textarea") ? "textarea" : type.equals("boolean") ? "select" : "input";
        b.append('<').append(tag).append(" id=\"").append(id).append("\" name=\"").append(esc(f.name())).append('"');
        if (tag.equals("input")) {
            b.append(" type=\"").append(type).append('"').append(type.equals("number") ? " step=\"any\"" : "");
        }
        if (tag.equals("textarea")) {
            b.append(" rows=\"6\"");
        }
        b.append(" autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"");
        if (f.required()) {
            b.append(" required");
        }
        if (!blank(f.pattern()) && tag.equals("input")) {
            b.append(" pattern=\"").append(esc(f.pattern())).append('"');
        }
        if (!blank(f.example())) {
            b.append(" placeholder=\"").append(esc(f.example())).append('"');
        }
        // Secrets never travel back to the browser, not even the user's own.
        if (f.value() != null && tag.equals("input") && !type.equals("password")) {
            b.append(" value=\"").append(esc(f.value())).append('"');
        }
        if (hasHelp || hasError) {
            b.append(" aria-describedby=\"").append(hasError ? id + "-error" : "")
                    .append(hasError && hasHelp ? " " : "").append(hasHelp ? id + "-help" : "").append('"');
        }
        if (hasError) {
            b.append(" aria-invalid=\"true\"");
        }
        if (autofocus) {
            b.append(" autofocus");
        }
        b.append('>');
        if (tag.equals("textarea")) {
            // Only non-secret values come back (the service never passes a secret's value).
            b.append(f.value() == null ? "" : esc(f.value())).append("</textarea>");
        } else if (tag.equals("select")) {
            b.append("<option value=\"\">Choose…</option>");
            for (String[] option : new String[][] {{"true", "Yes"}, {"false", "No"}}) {
                b.append("<option value=\"").append(option[0]).append('"')
                        .append(option[0].equals(f.value()) ? " selected" : "").append('>').append(option[1]).append("</option>");
            }
            b.append("</select>");
        }
        if (hasError) {
            b.append("<p class=\"field-error\" id=\"").append(id).append("-error\">")
                    .append(Icons.svg(Icons.ALERT, "field-error-icon")).append("<span>").append(esc(f.error()))
                    .append("</span></p>");
        }
        b.append("</div>");
    }

    private static void hidden(StringBuilder b, String name, String value) {
        b.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"").append(esc(value))
                .append("\">");
    }

    private static void connectorHeading(StringBuilder b, ConnectorTile connector, String lede) {
        String name = connectorName(connector);
        b.append("<div class=\"connector-head\">")
                .append(Badge.svg(name, connector == null ? null : connector.color(), 48, "badge badge-lg"))
                .append("<h1>Connect ").append(esc(name)).append("</h1></div>");
        if (lede != null) {
            b.append("<p class=\"lede\">").append(esc(lede)).append("</p>");
        }
    }

    private static void status(StringBuilder b, String tone, String icon, String heading) {
        b.append("<div class=\"status status-").append(tone).append("\">").append(Icons.svg(icon, "status-icon"))
                .append("</div><h1 class=\"status-title\">").append(esc(heading)).append("</h1>");
    }

    /** The close/return message for popup flows; answers the attributes for &lt;main&gt; that portal.js reads. */
    private static String finishBlock(StringBuilder b, Finish finish, String app, String retryHref, boolean autoclose) {
        if (finish instanceof Finish.PostMessage pm) {
            b.append("<p class=\"hint\" role=\"status\" data-close-hint>You can close this window and return to ")
                    .append(esc(app)).append(".</p>");
            actions(b, retryHref, new String[] {pm.targetOrigin(), "Return to " + app});
            return " data-post-origin=\"" + esc(pm.targetOrigin()) + "\" data-post-message=\""
                    + esc(pm.payloadJson()) + "\"" + (autoclose ? " data-autoclose" : "");
        }
        actions(b, retryHref, null);
        return "";
    }

    /** Retry (primary) and return (secondary, closes the popup when script runs) buttons. */
    private static void actions(StringBuilder b, String retryHref, String[] returnLink) {
        Optional<String> retry = Html.safeUrl(retryHref);
        Optional<String> back = returnLink == null ? Optional.empty() : Html.safeUrl(returnLink[0]);
        if (retry.isEmpty() && back.isEmpty()) {
            return;
        }
        b.append("<div class=\"actions\">");
        retry.ifPresent(h -> b.append("<a class=\"button primary\" href=\"").append(esc(h)).append("\">Try again</a>"));
        back.ifPresent(h -> b.append("<a class=\"button").append(retry.isEmpty() ? " primary" : "")
                .append("\" href=\"").append(esc(h)).append("\" data-close>").append(esc(returnLink[1])).append("</a>"));
        b.append("</div>");
    }

    private static void back(StringBuilder b, String href, String label) {
        Html.safeUrl(href).ifPresent(h -> b.append("<a class=\"back\" href=\"").append(esc(h)).append("\">")
                .append(Icons.svg(Icons.BACK, "back-icon")).append(esc(label)).append("</a>"));
    }

    // ---- document ----

    private static String document(PageContext ctx, String page, String title, String mainAttrs, CharSequence content) {
        String assets = assetBase(ctx);
        String appName = ctx == null ? null : ctx.appName();
        StringBuilder b = new StringBuilder(content.length() + 2048);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\">\n")
                .append("<link rel=\"icon\" href=\"").append(esc(FAVICON)).append("\">\n")
                .append("<title>").append(esc(title)).append(" · ").append(esc(or(appName, "Keyway")))
                .append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(esc(assets)).append("/portal.css?v=")
                .append(PortalAssets.version(PortalAssets.CSS)).append("\">\n")
                .append("<script src=\"").append(esc(assets)).append("/portal.js?v=")
                .append(PortalAssets.version(PortalAssets.JS)).append("\" defer></script>\n")
                .append("</head>\n<body").append(heartbeat(ctx)).append(">\n<div class=\"shell\">\n<main class=\"card page-")
                .append(page).append('"')
                .append(mainAttrs).append(">\n<header class=\"card-head\">")
                .append(Badge.svg(or(appName, "Keyway"), null, 24, "badge app-badge")).append("<p>");
        if (blank(appName)) {
            b.append("Connect your account");
        } else {
            b.append("Connect your account to <strong>").append(esc(appName)).append("</strong>");
        }
        b.append("</p></header>\n<div class=\"card-body\">").append(content).append("</div>\n</main>\n")
                .append("<footer class=\"foot\">").append(Icons.svg(Icons.LOCK, "foot-icon"))
                .append("<span>Secured by <strong>Keyway</strong></span></footer>\n</div>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The session a page belongs to, for portal.js's heartbeat: an SDK whose popup handle was cut
     * off (COOP) learns from it that the user is still here. The token is already in the page's links.
     */
    private static String heartbeat(PageContext ctx) {
        return ctx == null || blank(ctx.sessionToken()) ? "" : " data-session=\"" + esc(ctx.sessionToken()) + "\"";
    }

    private static String assetBase(PageContext ctx) {
        String base = ctx == null || ctx.assetBase() == null ? "" : ctx.assetBase();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.isEmpty() && Html.safeUrl(base).isEmpty()) {
            throw new IllegalArgumentException("assetBase must be an http(s) or relative URL: " + base);
        }
        return base;
    }

    /** The connector list: the parent of assetBase ("/connect/assets" gives "/connect"), with the session. */
    static String portalHome(PageContext ctx) {
        String base = assetBase(ctx);
        int slash = base.lastIndexOf('/');
        String home = slash > 0 ? base.substring(0, slash) : slash == 0 ? "/" : "./";
        if (ctx != null && ctx.sessionToken() != null) {
            home += "?session=" + URLEncoder.encode(ctx.sessionToken(), StandardCharsets.UTF_8);
        }
        return home;
    }

    private static String app(PageContext ctx) {
        return ctx == null ? "the app" : or(ctx.appName(), "the app");
    }

    private static String sentence(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String connectorName(ConnectorTile c) {
        if (c == null) {
            return "your account";
        }
        return or(c.displayName(), or(c.key(), "your account"));
    }

    private static void checkStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status for a page: " + status);
        }
    }
}
