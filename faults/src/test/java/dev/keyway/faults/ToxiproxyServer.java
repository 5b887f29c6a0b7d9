package dev.keyway.faults;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Shopify's Toxiproxy server, the binary bin/test builds with {@code go install} into
 * {@code .tools/bin/toxiproxy-server}, on a free loopback port, driven by its Java client.
 * Each proxy listens on its own free loopback port in front of one upstream.
 */
final class ToxiproxyServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final ToxiproxyClient client;
    private final Path log;

    private ToxiproxyServer(Process process, ToxiproxyClient client, Path log) {
        this.process = process;
        this.client = client;
        this.log = log;
    }

    static ToxiproxyServer start(Path repoRoot) throws IOException, InterruptedException {
        Path binary = repoRoot.resolve(".tools/bin/toxiproxy-server");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no " + binary + ": bin/test builds it (keyway_ensure_toxiproxy in"
                    + " infra/lib.sh; `bash -c '. infra/lib.sh; keyway_ensure_toxiproxy'` does only that)");
        }
        int port = freePort();
        Path log = Files.createTempFile("keyway-toxiproxy-", ".log");
        Process process = new ProcessBuilder(binary.toString(), "-host", "127.0.0.1", "-port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", port);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try {
                client.version();
                return new ToxiproxyServer(process, client, log);
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Toxiproxy did not start on port " + port + ": "
                            + Files.readString(log), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** A proxy named {@code name} on a free loopback port, forwarding to {@code upstream}'s host and port. */
    Proxy proxy(String name, URI upstream) throws IOException {
        return client.createProxy(name, "127.0.0.1:" + freePort(), upstream.getHost() + ":" + upstream.getPort());
    }

    /** {@code http://127.0.0.1:<listen port>}: where a client reaches {@code proxy}'s upstream through it. */
    static URI url(Proxy proxy) {
        return URI.create("http://" + proxy.getListen());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file; the OS cleans it up
        }
    }
}
