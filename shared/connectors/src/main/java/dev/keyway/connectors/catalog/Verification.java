package dev.keyway.connectors.catalog;

/** A cheap authenticated call that succeeds only with valid credentials; path is relative to the base URL. */
public record Verification(String method, String path, String body) {
    static final java.util.Set<String> METHODS = java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    public static final int MAX_BODY = 4096;

    /** What is wrong with it, as "field: problem"; empty when it is valid. */
    public java.util.Optional<String> problem() {
        if (method == null || !METHODS.contains(method)) {
            return java.util.Optional.of("method: one of " + new java.util.TreeSet<>(METHODS));
        }
        if (path == null || !path.startsWith("/") || path.startsWith("//")
                || path.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            return java.util.Optional.of("path: an absolute path such as /user");
        }
        if (body != null && body.length() > MAX_BODY) {
            return java.util.Optional.of("body: at most " + MAX_BODY + " characters");
        }
        return java.util.Optional.empty();
    }
}
