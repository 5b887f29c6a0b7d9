package dev.keyway.bench.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void p50_ofAnOddCount_isTheMiddleValue_whateverTheOutliers() {
        assertThat(Percentiles.of(new double[] {900, 610, 5_000, 600, 620}).p50()).isEqualTo(620.0);
    }

    @Test
    void p50_ofAnEvenCount_isTheMeanOfTheTwoMiddleValues() {
        assertThat(Percentiles.of(new double[] {4, 1, 3, 2}).p50()).isEqualTo(2.5);
    }

    @Test
    void interpolatesBetweenRanks_asNumpyDoes() {
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // numpy.percentile(range(1, 11), [90, 99]) = [9.1, 9.91]
        assertThat(Percentiles.of(oneToTen).p90()).isCloseTo(9.1, within(1e-9));
        assertThat(Percentiles.of(oneToTen).p99()).isCloseTo(9.91, within(1e-9));
        assertThat(Percentiles.at(oneToTen, 0)).isEqualTo(1.0);
        assertThat(Percentiles.at(oneToTen, 100)).isEqualTo(10.0);
    }

    @Test
    void ofAThousandValues_p99IsNearTheTop_andMinMaxAreTheExtremes() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = values.length - i; // 1000 … 1, unsorted on purpose
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p.count()).isEqualTo(1000);
        assertThat(p.min()).isEqualTo(1.0);
        assertThat(p.max()).isEqualTo(1000.0);
        assertThat(p.p50()).isEqualTo(500.5);
        assertThat(p.p99()).isCloseTo(990.01, within(1e-9));
        assertThat(values[0]).as("the input is not sorted in place").isEqualTo(1000.0);
    }

    @Test
    void aSingleValue_isEveryPercentile() {
        Percentiles p = Percentiles.of(new double[] {3.5});
        assertThat(new double[] {p.min(), p.p50(), p.p90(), p.p99(), p.max()}).containsOnly(3.5);
    }

    @Test
    void nothing_orAPercentileOutOfRange_isAnError() {
        assertThatThrownBy(() -> Percentiles.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.at(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.at(new double[] {1}, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void millis_convertsNanoseconds() {
        assertThat(Percentiles.millis(new long[] {1_500_000, 250_000})).containsExactly(1.5, 0.25);
    }
}
