package dev.keyway.portal;

import java.util.regex.Pattern;

/** How a result page hands the outcome back to the app's page that opened (or framed) the portal. */
public sealed interface Finish {

    /**
     * portal.js posts {@code payloadJson} (parsed) to {@code window.opener}, else to {@code window.parent} when framed,
     * with exactly {@code targetOrigin}; a successful popup then closes itself.
     *
     * @param targetOrigin the app page's exact origin, {@code scheme://host[:port]}; never {@code "*"}
     * @param payloadJson  the message, as JSON, e.g. {@code {"type":"keyway:connected",…}}
     */
    record PostMessage(String targetOrigin, String payloadJson) implements Finish {
        private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");

        public PostMessage {
            // Fail in the caller's code, not in the browser: "*" would hand credentials' existence to any opener.
            if (targetOrigin == null || !ORIGIN.matcher(targetOrigin).matches()) {
                throw new IllegalArgumentException(
                        "targetOrigin must be an exact origin such as https://app.example.com (no path, never \"*\"): "
                                + targetOrigin);
            }
            if (payloadJson == null) {
                throw new IllegalArgumentException("payloadJson is required");
            }
        }
    }

    /** The result page only shows the outcome. */
    record None() implements Finish {}
}
