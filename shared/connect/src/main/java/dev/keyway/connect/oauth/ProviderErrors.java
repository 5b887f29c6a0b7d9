package dev.keyway.connect.oauth;

/** What the end user reads when a provider step fails: plain words, with the code for support. */
final class ProviderErrors {
    private ProviderErrors() {
    }

    static String describe(String code, String provider) {
        if (code.startsWith("http_")) {
            return provider + " had a problem finishing the sign-in (HTTP " + code.substring(5) + "). Try again in a moment.";
        }
        return switch (code) {
            case "invalid_grant" -> provider + " did not accept the sign-in (it may have expired or been used). Start again.";
            case "invalid_client", "unauthorized_client" -> provider + " does not recognise this app's OAuth client. The app's"
                    + " team needs to check the connector's client id and secret.";
            case "malformed_token_response" -> provider + " answered with something that is not a token. Try again in a moment.";
            case "unreachable", "token_endpoint_refused" -> "Keyway could not reach " + provider + ". Try again in a moment.";
            case "discovery_failed" -> provider + " signed you in, but Keyway could not read the account details it needs.";
            case "issuer_mismatch" -> "The answer did not come from " + provider + ", so it was not used. Start again.";
            case "connector_gone" -> "This app no longer offers " + provider + ".";
            case "invalid_callback" -> provider + " sent you back without an authorization code. Start again.";
            default -> provider + " could not complete the sign-in (" + code + ").";
        };
    }
}
