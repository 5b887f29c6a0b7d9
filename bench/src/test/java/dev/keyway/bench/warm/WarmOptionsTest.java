package dev.keyway.bench.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarmOptionsTest {

    @Test
    void defaults() {
        assertThat(WarmOptions.parse()).isEqualTo(new WarmOptions(2000, 500));
    }

    @Test
    void iterationsAndWarmup() {
        assertThat(WarmOptions.parse("--iterations", "50", "--warmup", "0")).isEqualTo(new WarmOptions(50, 0));
    }

    @Test
    void badValues_areRefused_naming_theOption() {
        assertThatThrownBy(() -> WarmOptions.parse("--iterations", "0")).hasMessageContaining("--iterations");
        assertThatThrownBy(() -> WarmOptions.parse("--warmup", "-1")).hasMessageContaining("--warmup");
        assertThatThrownBy(() -> WarmOptions.parse("--iterations")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> WarmOptions.parse("--iterations", "many")).hasMessageContaining("many");
        assertThatThrownBy(() -> WarmOptions.parse("--runs", "5")).hasMessageContaining("unknown argument --runs");
    }
}
