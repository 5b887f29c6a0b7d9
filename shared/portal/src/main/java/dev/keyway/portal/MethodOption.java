package dev.keyway.portal;

/**
 * One way to connect a connector, as offered on the method-choice page.
 *
 * @param id    the auth method id
 * @param type  {@code OAUTH2 | API_KEY | BASIC | OAUTH2_CLIENT_CREDENTIALS} (picks the icon and hint)
 * @param label what the user reads, e.g. {@code "Sign in with GitHub"}
 * @param href  where choosing it leads; only http(s) and relative URLs are emitted
 */
public record MethodOption(String id, String type, String label, String href) {}
