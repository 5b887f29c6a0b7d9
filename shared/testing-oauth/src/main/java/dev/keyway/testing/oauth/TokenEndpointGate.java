package dev.keyway.testing.oauth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands before the token endpoint: counts requests, answers injected faults, delays, and lets one
 * grant through at a time. Spring's refresh is find, then generate, then save; without the lock two
 * concurrent uses of one refresh token could both succeed, which no rotating provider allows.
 */
final class TokenEndpointGate implements Filter {
    record Fault(int status, String body, String contentType, Duration retryAfter) {
        Fault {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(contentType, "contentType");
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
            }
        }
    }

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger refreshRequests = new AtomicInteger();
    private final Object oneGrantAtATime = new Object();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Fault fault;
    private volatile Duration delay = Duration.ZERO;

    int tokenRequests() {
        return tokenRequests.get();
    }

    int refreshRequests() {
        return refreshRequests.get();
    }

    void resetCounts() {
        tokenRequests.set(0);
        refreshRequests.set(0);
    }

    void fail(Fault fault) {
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    void delay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive: " + delay);
        }
        this.delay = delay;
    }

    void clear() {
        fault = null;
        delay = Duration.ZERO;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        tokenRequests.incrementAndGet();
        if ("refresh_token".equals(request.getParameter("grant_type"))) {
            refreshRequests.incrementAndGet();
        }
        pause(delay);
        Fault current = fault;
        if (current != null) {
            answer((HttpServletResponse) res, current);
            return;
        }
        synchronized (oneGrantAtATime) {
            chain.doFilter(req, res);
        }
    }

    private static void answer(HttpServletResponse response, Fault fault) throws IOException {
        response.setStatus(fault.status());
        response.setContentType(fault.contentType());
        response.setHeader("Cache-Control", "no-store");
        if (fault.retryAfter() != null) {
            long seconds = fault.retryAfter().toSeconds() + (fault.retryAfter().getNano() > 0 ? 1 : 0);
            response.setHeader("Retry-After", Long.toString(seconds));
        }
        byte[] body = fault.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Ends every pending delay at once, so that stopping the server does not leave threads asleep. */
    void close() {
        closing.countDown();
    }

    private void pause(Duration delay) throws ServletException {
        if (delay.isZero()) {
            return;
        }
        try {
            closing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while delaying a token request", e);
        }
    }
}
