package dev.keyway.connect;

import dev.keyway.connect.portal.PortalService;
import dev.keyway.core.KeywayException;
import dev.keyway.http.ApiRequest;
import dev.keyway.http.ApiResponse;
import dev.keyway.portal.PageContext;
import dev.keyway.portal.PortalPages;
import dev.keyway.portal.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTML side of the portal's routes: a person is on the other end, so every outcome, errors
 * included, is a page (never JSON, never a stack trace).
 */
public final class PortalHtml {
    private PortalHtml() {
    }

    /**
     * Runs {@code route} for the session's visit; a refused session or a 4xx becomes its page.
     * {@code request} tells whether the page loads in an iframe ({@code Sec-Fetch-Dest}).
     */
    public static ApiResponse render(PortalService portal, ApiRequest request, Optional<String> token,
                                     Optional<String> origin, Optional<String> returnTo,
                                     Function<PortalService.Visit, PortalResponse> route) {
        boolean framed = request.header("sec-fetch-dest").filter("iframe"::equalsIgnoreCase).isPresent();
        return guarded(() -> switch (portal.enter(token, origin, returnTo, framed)) {
            case PortalService.Entry.Refused refused -> refused.page();
            case PortalService.Entry.Open open -> route.apply(open.visit());
        });
    }

    /** The same guard for routes without a session (the OAuth callback). */
    public static ApiResponse guarded(java.util.function.Supplier<PortalResponse> route) {
        try {
            return toApi(route.get());
        } catch (KeywayException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return errorPage(e);
        }
    }

    /** A 4xx as a page: what a person sees instead of Keyway's JSON error. */
    static ApiResponse errorPage(KeywayException e) {
        PortalResponse page = FlowFinish.page(null, PortalPages.result(
                new PageContext(PortalLinks.ASSETS, null, null), new Result.InvalidRequest(e.getMessage())), List.of());
        return toApi(FlowFinish.withStatus(page, e.status()));
    }

    public static ApiResponse toApi(PortalResponse response) {
        if (response.redirect()) {
            return ApiResponse.redirect(response.location(), response.headers(), response.cookies());
        }
        return ApiResponse.html(response.status(), response.headers(), response.body(), response.cookies());
    }

    /** Query parameters as HTTP APIs deliver them (a repeated name arrives joined with commas). */
    public static Map<String, String> query(ApiRequest request) {
        return new LinkedHashMap<>(request.queryParameters());
    }

}
