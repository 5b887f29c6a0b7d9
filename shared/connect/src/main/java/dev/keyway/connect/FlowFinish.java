package dev.keyway.connect;

import dev.keyway.apps.App;
import dev.keyway.core.Json;
import dev.keyway.portal.Finish;
import dev.keyway.portal.PageContext;
import dev.keyway.portal.PortalHeaders;
import dev.keyway.portal.PortalPage;
import dev.keyway.portal.PortalPages;
import dev.keyway.portal.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a connection flow ends in the browser. Popup or iframe (the flow was opened with an
 * {@code origin}): a page that posts the result to exactly that origin and closes. Redirect (the
 * session has a returnUrl): back to it with {@code linkedAccountId} or {@code error}. Otherwise a
 * plain result page.
 */
public final class FlowFinish {
    private FlowFinish() {
    }

    /** Where the flow reports to; both may be null. */
    public record Target(String finishOrigin, String returnUrl) {
    }

    public static PortalResponse connected(App app, PageContext ctx, Target target, String connectorKey,
                                           String connectorName, String linkedAccountId) {
        if (target.finishOrigin() == null && target.returnUrl() != null) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("linkedAccountId", linkedAccountId);
            params.put("connector", connectorKey);
            return redirect(PortalLinks.withQuery(target.returnUrl(), params));
        }
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("type", "keyway:connected");
        payload.put("linkedAccountId", linkedAccountId);
        payload.put("connector", connectorKey);
        return page(app, PortalPages.result(ctx, new Result.Success(connectorName, linkedAccountId,
                finish(target, payload))), List.of());
    }

    /** A failed flow: {@code result} is the page to show when the flow does not redirect. */
    public static PortalResponse failed(App app, PageContext ctx, Target target, String connectorKey, String code,
                                        java.util.function.Function<Finish, Result> result, int status) {
        if (target.finishOrigin() == null && target.returnUrl() != null) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("error", code);
            if (connectorKey != null) {
                params.put("connector", connectorKey);
            }
            return redirect(PortalLinks.withQuery(target.returnUrl(), params));
        }
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("type", "keyway:error");
        payload.put("code", code);
        if (connectorKey != null) {
            payload.put("connector", connectorKey);
        }
        PortalPage page = PortalPages.result(ctx, result.apply(finish(target, payload)));
        return withStatus(page(app, page, List.of()), status);
    }

    /** A page with the portal's headers: frames and form targets limited to the app's own origins. */
    public static PortalResponse page(App app, PortalPage page, List<String> extraFormActions) {
        List<String> origins = app == null ? List.of() : app.allowedOrigins();
        List<String> formActions = new ArrayList<>(origins);
        formActions.addAll(extraFormActions);
        return new PortalResponse(page.status(), PortalHeaders.page(origins, formActions), page.html(), List.of(), null);
    }

    public static PortalResponse redirect(String location) {
        return new PortalResponse(302, Map.of("referrer-policy", "no-referrer"), "", List.of(), location);
    }

    public static PortalResponse withStatus(PortalResponse response, int status) {
        return new PortalResponse(status, response.headers(), response.body(), response.cookies(), response.location());
    }

    private static Finish finish(Target target, Map<String, String> payload) {
        return target.finishOrigin() == null ? new Finish.None()
                : new Finish.PostMessage(target.finishOrigin(), Json.write(payload));
    }
}
