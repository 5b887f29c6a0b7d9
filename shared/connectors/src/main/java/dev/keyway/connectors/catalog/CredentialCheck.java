package dev.keyway.connectors.catalog;

/**
 * How a CUSTOM account is checked at connect time and by the scheduled check: an HTTP GET that
 * must answer 2xx, or, for systems that do not speak HTTP (a database, an SFTP server), a TCP
 * connect. Values may hold {placeholders} filled from the account's connection config.
 *
 * @param url  for {@code http}: the URL to GET; null for {@code tcp}
 * @param host for {@code tcp}: the host to connect to; null for {@code http}
 * @param port for {@code tcp}: the port (a number or a placeholder); null for {@code http}
 */
public record CredentialCheck(String type, String url, String host, String port) {
    public static final String HTTP = "http";
    public static final String TCP = "tcp";

    public boolean tcp() {
        return TCP.equals(type);
    }
}
