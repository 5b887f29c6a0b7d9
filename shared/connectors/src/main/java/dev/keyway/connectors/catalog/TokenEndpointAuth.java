package dev.keyway.connectors.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the client authenticates to the token endpoint (RFC 7591 names). */
public enum TokenEndpointAuth {
    /** HTTP Basic with client id and secret: the default that RFC 6749 requires servers to support. */
    @JsonProperty("client_secret_basic") CLIENT_SECRET_BASIC,
    /** client_id and client_secret in the form body. */
    @JsonProperty("client_secret_post") CLIENT_SECRET_POST,
    /**
     * JWT_BEARER only: RFC 7523 section 2.2, a client_credentials request authenticated by an assertion
     * signed with the linked account's key (Okta service apps, Spring Authorization Server), instead of
     * the section 2.1 jwt-bearer grant (Google service accounts, Salesforce).
     */
    @JsonProperty("private_key_jwt") PRIVATE_KEY_JWT
}
