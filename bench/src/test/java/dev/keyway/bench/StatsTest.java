package dev.keyway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void median_ofAnOddCount_isTheMiddleValue_whateverTheOutliers() {
        assertThat(Stats.median(List.of(900.0, 610.0, 5_000.0, 600.0, 620.0))).isEqualTo(620.0);
    }

    @Test
    void median_ofAnEvenCount_isTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void median_ofNothing_isAnError() {
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
