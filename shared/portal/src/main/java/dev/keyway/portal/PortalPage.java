package dev.keyway.portal;

/** A rendered page: the HTTP status to answer with and the HTML body (send it with {@link PortalHeaders#page}). */
public record PortalPage(int status, String html) {}
