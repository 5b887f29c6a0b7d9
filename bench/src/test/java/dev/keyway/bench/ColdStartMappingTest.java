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
            assertThat(key).as("key in %s", BenchTarget.EVENTS_FILE).matches("[A-Za-z0-9]+\\.(event|setup)");
            assertThat(functions).as("functions of template.yaml").contains(key.substring(0, key.indexOf('.')));
            Arrays.stream(mapping.getProperty(key).split(",")).map(String::strip).forEach(file ->
                    assertThat(ROOT.resolve(file)).as("%s = %s", key, file).isRegularFile());
        }
    }

    @Test
    void theFunctionsTheProjectTracks_haveASampleEvent() throws Exception {
        Properties mapping = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(BenchTarget.EVENTS_FILE))) {
            mapping.load(reader);
        }

        assertThat(mapping).containsKeys("AuthorizerFunction.event", "ConnectorsFunction.event");
    }
}
