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
 */
public record Form(String action, String method, Map<String, String> hidden, List<FormField> fields,
                   String submitLabel, String error, String note) {}
