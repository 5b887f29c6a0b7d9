package dev.keyway.linkedaccounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What a connection flow obtained for an end user, in the import's credential shape
 * (OAUTH2: accessToken, refreshToken, expiresIn, scopes, raw; API_KEY: apiKey; BASIC: username,
 * password; OAUTH2_CLIENT_CREDENTIALS: clientId, clientSecret, accessToken, expiresIn).
 *
 * @param reconnectLinkedAccountId the account a reconnect session updates in place; null for a new connection
 * @param flow                     which flow produced it (portal, oauth, client_credentials), recorded in the auth log
 */
public record ConnectionGrant(
        String connector,
        String authMethod,
        String endUserId,
        ObjectNode credentials,
        Map<String, String> connectionConfig,
        boolean verify,
        String reconnectLinkedAccountId,
        String flow) {

    @Override
    public String toString() {
        return "ConnectionGrant[" + connector + "/" + authMethod + ", endUserId=" + endUserId + ", flow=" + flow + "]";
    }
}
