package dev.keyway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The AWS endpoint the bench runs against: {@code KEYWAY_AWS_ENDPOINT} when set (left running),
 * else a moto server of its own from the project venv on a free loopback port, stopped on
 * {@link #close} or when the JVM exits. Not {@code infra/local-aws}: that one is shared state
 * (.keyway/) that a developer's {@code bin/dev} may be using.
 */
final class MotoProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final URI url;
    private final Process process;
    private final Thread stopAtExit;

    private MotoProcess(URI url, Process process) {
        this.url = url;
        this.process = process;
        this.stopAtExit = process == null ? null : new Thread(this::stop, "keyway-bench-moto-stop");
        if (stopAtExit != null) {
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
    }

    static MotoProcess startOrUse(Path repoRoot, Path log) {
        String configured = System.getenv("KEYWAY_AWS_ENDPOINT");
        if (configured != null && !configured.isBlank()) {
            return new MotoProcess(URI.create(configured), null);
        }
        Path motoServer = repoRoot.resolve(".venv/bin/moto_server");
        if (!Files.isExecutable(motoServer)) {
            throw new IllegalStateException("no " + motoServer + ": run `infra/local-aws venv` (bin/bench does)");
        }
        int port = freePort();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(motoServer.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + motoServer, e);
        }
        MotoProcess moto = new MotoProcess(URI.create("http://127.0.0.1:" + port), process);
        moto.awaitAnswer(log);
        return moto;
    }

    URI url() {
        return url;
    }

    /** True when this process started the server (and so stops it). */
    boolean owned() {
        return process != null;
    }

    private void awaitAnswer(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer on " + url + " within " + START_TIMEOUT);
    }

    /** Any HTTP status proves the server is up and routing. */
    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            try {
                connection.getResponseCode();
                return true;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the hook is running already
        }
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
