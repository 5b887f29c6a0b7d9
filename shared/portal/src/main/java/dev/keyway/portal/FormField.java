package dev.keyway.portal;

/**
 * One input of a credentials form.
 *
 * @param name      the form field name
 * @param label     the visible label
 * @param help      help text under the label, may be null
 * @param inputType {@code "text" | "password" | "url" | "number"}, {@code "textarea"} (PEM, JSON) or
 *                  {@code "boolean"} (a yes/no select); anything else renders as text
 * @param pattern   an HTML {@code pattern} attribute value (no ^$), may be null
 * @param example   placeholder text, may be null
 * @param required  whether the browser requires a value
 * @param value     prefill for non-secret fields; never rendered for password fields
 * @param error     this field's error after a failed submit, may be null
 */
public record FormField(String name, String label, String help, String inputType, String pattern,
                        String example, boolean required, String value, String error) {}
