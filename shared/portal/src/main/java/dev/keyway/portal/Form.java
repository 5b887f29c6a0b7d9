package dev.keyway.portal;

import java.util.List;
import java.util.Map;

/**
 * A credentials form (API key, basic, client credentials…).
 *
 * @param action      URL the form submits to; must be http(s) or relative
 * @param method      {@code "post"} or {@code "get"}; anything else is treated as post
 * @param hidden      extra hidden fields, besides {@code session}; may be null
 * @param fields      the visible inputs
 * @param submitLabel the button text, e.g. {@code "Connect"}; null gives "Connect"
 * @param error       a form-level error, announced with role=alert; may be null
 * @param note        a reassurance under the fields, e.g. "Keyway will check these with GitHub before saving"; may be null
 * @param next        how the form goes on: as usual, into a new window, or by itself once the page has loaded
 */
public record Form(String action, String method, Map<String, String> hidden, List<FormField> fields,
                   String submitLabel, String error, String note, Next next) {
    /**
     * {@code NEW_WINDOW}: OAuth from an iframe (providers refuse to be framed). {@code AUTO}: OAuth in a
     * popup, submitted by portal.js right after its heartbeat told the session whether the popup still
     * has its opener; without script the user presses the button.
     */
    public enum Next { SUBMIT, NEW_WINDOW, AUTO }

    public Form(String action, String method, Map<String, String> hidden, List<FormField> fields,
                String submitLabel, String error, String note) {
        this(action, method, hidden, fields, submitLabel, error, note, Next.SUBMIT);
    }
}
