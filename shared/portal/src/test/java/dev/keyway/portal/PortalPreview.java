package dev.keyway.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes every page and the assets to a folder to look at in a browser:
 * {@code mvn -pl shared/portal test -Dtest=PortalPreview -Dportal.preview=/tmp/portal}. Skipped otherwise.
 */
@EnabledIfSystemProperty(named = "portal.preview", matches = ".+")
class PortalPreview {

    @Test
    void writePages() throws IOException {
        Path dir = Path.of(System.getProperty("portal.preview"));
        Files.createDirectories(dir.resolve("assets"));
        for (String name : new String[] {PortalAssets.CSS, PortalAssets.JS}) {
            Files.write(dir.resolve("assets").resolve(name), PortalAssets.get(name).orElseThrow().body());
        }
        PageContext ctx = new PageContext("assets", "Acme CRM", "cs_test_123");
        Map<String, PortalPage> pages = Samples.allPages(ctx);
        for (Map.Entry<String, PortalPage> e : pages.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".html"), e.getValue().html());
        }
    }
}
