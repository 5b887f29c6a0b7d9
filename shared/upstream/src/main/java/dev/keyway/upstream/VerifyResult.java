package dev.keyway.upstream;

/**
 * The provider's verdict on credentials, from one call to its verification endpoint.
 *
 * @param status the provider's HTTP status; 0 when there was no answer (timeout, unreachable)
 */
public record VerifyResult(Verdict verdict, int status) {

    public enum Verdict {
        /** 2xx: the provider accepted the credentials. */
        ACCEPTED,
        /** 401 or 403: the provider rejected them. */
        REJECTED,
        /** Anything else (3xx, 404, 429, 5xx, timeout, unreachable): no verdict; don't conclude either way. */
        UNAVAILABLE
    }

    static VerifyResult of(int status) {
        if (status >= 200 && status < 300) {
            return new VerifyResult(Verdict.ACCEPTED, status);
        }
        if (status == 401 || status == 403) {
            return new VerifyResult(Verdict.REJECTED, status);
        }
        return new VerifyResult(Verdict.UNAVAILABLE, status);
    }
}
