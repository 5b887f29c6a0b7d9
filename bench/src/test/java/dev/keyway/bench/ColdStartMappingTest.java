package dev.keyway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.provisioning.FunctionDefinition;
import dev.keyway.provisioning.Template;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** bench/coldstart.properties keeps up with template.yaml and events/: a renamed function or event fails here, not in a bench run. */
class ColdStartMappingTest {

    private static final Path TEMPLATE_FILE = Template.locate();
    private static final Path ROOT = TEMPLATE_FILE.getParent();

    @Test
    void everyEntry_namesATemplateFunctionAndExistingEventFiles() throws Exception {
        Set<String> functions = Template.load(TEMPLATE_FILE).functions().stream()
                .map(FunctionDefinition::logicalId).collect(Collectors.toSet());
        Properties mapping = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(BenchTarget.EVENTS_FILE))) {
            mapping.load(reader);
        }

        assertThat(mapping.stringPropertyNames()).isNotEmpty();
        for (String key : mapping.stringPropertyNames()) {
            assertThat(key).as("key in %s", BenchTarget.EVENTS_FILE).matches("[A-Za-z0-9]+\\.(event|setup|expect)");
            assertThat(functions).as("functions of template.yaml").contains(key.substring(0, key.indexOf('.')));
            if (key.endsWith(".expect")) {
                assertThat(mapping.getProperty(key).strip()).as(key).matches("[45][0-9][0-9]");
                continue;
            }
            Arrays.stream(mapping.getProperty(key).split(",")).map(String::strip).forEach(entry -> {
                String file = entry.substring(entry.indexOf(':') + 1);
                if (entry.contains(":")) {
                    assertThat(functions).as("setup function in %s", key).contains(entry.substring(0, entry.indexOf(':')));
                }
                assertThat(ROOT.resolve(file)).as("%s = %s", key, file).isRegularFile();
            });
        }
    }

    @Test
    void everyFunctionOfTheTemplate_hasASampleEvent() throws Exception {
        Properties mapping = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(BenchTarget.EVENTS_FILE))) {
            mapping.load(reader);
        }

        // The cold-start target is for every function: a new one (e.g. mcp) must bring its sample event.
        for (FunctionDefinition function : Template.load(TEMPLATE_FILE).functions()) {
            assertThat(mapping).as(BenchTarget.EVENTS_FILE).containsKey(function.logicalId() + ".event");
        }
    }
}
