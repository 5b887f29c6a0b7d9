package dev.keyway.portal;

/**
 * What every portal page needs to know about where it is served and for whom.
 *
 * @param assetBase    URL path under which {@link PortalAssets} are served, e.g. {@code "/connect/assets"};
 *                     its parent is taken as the portal's home (the connector list) for default back links
 * @param appName      the app's display name, shown in the header and titles; may be null
 * @param sessionToken the connect session token, added to every form as hidden field {@code session}; may be null
 */
public record PageContext(String assetBase, String appName, String sessionToken) {}
