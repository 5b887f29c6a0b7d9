package dev.keyway.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Chromium, real headers: each page is served with {@link PortalHeaders#page} and its assets with
 * {@link PortalHeaders#asset}, and the browser must run portal.js and report no CSP violation or failed load.
 * Skipped where Debian's chromium is not installed.
 */
class PortalBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Map<String, PortalPage> PAGES = Samples.allPages(Samples.CTX);
    private static HttpServer server;

    @TempDir
    static Path profile;

    static List<String> pages() {
        return List.copyOf(PAGES.keySet());
    }

    @BeforeAll
    static void serve() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/connect/", PortalBrowserTest::handle);
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void page_shouldRunItsScriptUnderTheCspWithNoViolation(String name) throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/connect/" + name;
        Path out = profile.resolve(name + ".out");
        Path err = profile.resolve(name + ".err");

        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.resolve("profile-" + name), "--enable-logging=stderr",
                "--v=0", "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();

        String dom = Files.readString(out);
        List<String> console = Files.readAllLines(err).stream().filter(l -> l.contains(":CONSOLE")).toList();
        assertThat(dom).as("portal.js ran").contains("<html lang=\"en\" class=\"js\">");
        assertThat(console).as("browser console").isEmpty();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        Map<String, String> headers;
        int status;
        if (path.startsWith("/connect/assets/")) {
            Optional<Asset> asset = PortalAssets.get(path.substring("/connect/assets/".length()));
            status = asset.isPresent() ? 200 : 404;
            body = asset.map(Asset::body).orElse(new byte[0]);
            headers = asset.map(PortalHeaders::asset).orElse(Map.of());
        } else {
            PortalPage page = PAGES.get(path.substring("/connect/".length()));
            status = page == null ? 404 : page.status();
            body = page == null ? new byte[0] : page.html().getBytes(StandardCharsets.UTF_8);
            headers = PortalHeaders.page(List.of(), List.of());
        }
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
