package dev.keyway.bench.refresh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The token endpoint the refreshes call: mock-oauth2-server ({@link TokenServerMain}) in a child JVM
 * on 127.0.0.1. It answers a refresh-token grant with a new signed access token and id token whatever
 * the refresh token is, and does not rotate it, so the same seeded accounts can be refreshed run
 * after run.
 *
 * <p>Why another JVM: the bench's own JVM runs with Lambda's flags (C1 only), under which the
 * server's RSA signing of two JWTs per answer costs about 20 ms of CPU, four times what it costs with
 * the full JIT; a provider does not run under Keyway's flags. The child gets the JVM's defaults, shares
 * the machine's cores, and is stopped when the bench ends.
 */
final class TokenServer implements AutoCloseable {
    static final String ISSUER = "bench";
    /** Not a secret: the server accepts any client; an OAuth connector needs one. */
    static final String CLIENT_ID = "keyway-bench";
    static final String CLIENT_SECRET = "bench-client-secret";
    private static final long START_SECONDS = 60;

    private final Process process;
    private final String tokenUrl;

    private TokenServer(Process process, String tokenUrl) {
        this.process = process;
        this.tokenUrl = tokenUrl;
    }

    /** Starts the child JVM (its stderr in {@code log}) and waits until it listens. */
    static TokenServer start(Path log) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                TokenServerMain.class.getName())).redirectError(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the token server's JVM", e);
        }
        try {
            var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            var ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith(TokenServerMain.READY)) {
                            return line.substring(TokenServerMain.READY.length()).strip();
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            });
            String url = ready.get(START_SECONDS, TimeUnit.SECONDS);
            if (url == null) {
                throw new BenchFailed("the token server's JVM ended before it listened; see " + log);
            }
            return new TokenServer(process, loopback(url));
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new BenchFailed("the token server did not listen within " + START_SECONDS + " s; see " + log);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new BenchFailed("cannot read the token server's address: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BenchFailed("interrupted while starting the token server");
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String tokenUrl() {
        return tokenUrl;
    }

    /** The issuer's base URL: {@code …/bench}. */
    String issuerUrl() {
        return tokenUrl.substring(0, tokenUrl.lastIndexOf('/'));
    }

    String authorizationUrl() {
        return issuerUrl() + "/authorize";
    }

    /** mock-oauth2-server names itself "localhost"; a local-mode connector's URLs use 127.0.0.1. */
    private static String loopback(String url) {
        return url.replace("://localhost:", "://127.0.0.1:");
    }

    /** Closing its standard input stops it; if it does not stop at once, it is killed. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
