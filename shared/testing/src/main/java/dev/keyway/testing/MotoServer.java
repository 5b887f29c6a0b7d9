package dev.keyway.testing;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's server from the project venv, one per JVM, on a free loopback port. It is the
 * default endpoint where there is no Docker; a shutdown hook stops it with the JVM.
 */
final class MotoServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration VENV_TIMEOUT = Duration.ofMinutes(10);

    private static URI running;

    private MotoServer() {}

    static synchronized URI url(Path repoRoot) {
        if (running == null) {
            running = start(repoRoot);
        }
        return running;
    }

    private static URI start(Path repoRoot) {
        Path motoServer = repoRoot.resolve(".venv/bin/moto_server");
        if (!Files.isExecutable(motoServer)) {
            createVenv(repoRoot);
        }
        // moto with requests serialised: see infra/moto_server.py for why.
        List<String> command = List.of(repoRoot.resolve(".venv/bin/python").toString(),
                repoRoot.resolve("infra/moto_server.py").toString());
        // A free port can be taken between probing and binding; a fresh port usually wins.
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOn(command, freePort());
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static URI startOn(List<String> command, int port) {
        Path log = tempLog("keyway-moto-");
        Process process;
        try {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
            process = new ProcessBuilder(args)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, log), "keyway-moto-stop"));
        URI url = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (answers(url)) {
                return url;
            }
            sleep(100);
        }
        stop(process, log);
        throw new IllegalStateException("moto_server did not answer on " + url + " within " + START_TIMEOUT);
    }

    /** Runs the same venv setup as {@code infra/local-aws}, so there is one recipe for it. */
    private static void createVenv(Path repoRoot) {
        Path script = repoRoot.resolve("infra/local-aws");
        Path log = tempLog("keyway-venv-");
        String advice = "Create it once with `" + script + " venv` (or `start`), or set KEYWAY_AWS_ENDPOINT"
                + " to a running moto/LocalStack.";
        try {
            Process setup = new ProcessBuilder("bash", script.toString(), "venv")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!setup.waitFor(VENV_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                setup.destroyForcibly();
                throw new IllegalStateException("creating the moto venv took over " + VENV_TIMEOUT + ". " + advice);
            }
            if (setup.exitValue() != 0) {
                throw new IllegalStateException("no moto server at " + repoRoot.resolve(".venv/bin/moto_server")
                        + " and `infra/local-aws venv` failed:\n" + tail(log) + "\n" + advice);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ". " + advice, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the moto venv", e);
        }
    }

    /** Any HTTP status will do: it proves moto's server is up and routing. */
    private static boolean answers(URI url) {
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

    private static void stop(Process process, Path log) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a leftover temp file is not worth failing a JVM exit
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static Path tempLog(String prefix) {
        try {
            return Files.createTempFile(prefix, ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto_server", e);
        }
    }
}
