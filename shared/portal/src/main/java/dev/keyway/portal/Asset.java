package dev.keyway.portal;

/** A static asset of the portal and its Content-Type. */
public record Asset(byte[] body, String contentType) {}
