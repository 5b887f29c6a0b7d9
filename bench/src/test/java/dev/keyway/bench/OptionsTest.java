package dev.keyway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void parse_withNothing_runsEveryMappedFunctionFiveTimes() {
        Options options = Options.parse();

        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.functions()).isEmpty();
        assertThat(options.classpathAppend()).isEmpty();
    }

    @Test
    void parse_readsRunsAndRepeatedFunctions() {
        Options options = Options.parse("--runs", "3", "--function", "AuthorizerFunction", "--function", "ConnectorsFunction");

        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.functions()).containsExactly("AuthorizerFunction", "ConnectorsFunction");
    }

    @Test
    void parse_refusesZeroRunsAMissingValueAndUnknownArguments() {
        assertThatThrownBy(() -> Options.parse("--runs", "0")).hasMessageContaining("from 1");
        assertThatThrownBy(() -> Options.parse("--function")).hasMessage("--function needs a value");
        assertThatThrownBy(() -> Options.parse("--function", "--runs", "2")).hasMessage("--function needs a value");
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessage("unknown argument --fast");
        assertThatThrownBy(() -> Options.parse("--classpath-append", "/no/such.jar")).hasMessageContaining("no file");
    }
}
