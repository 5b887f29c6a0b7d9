package dev.keyway.bench.warm;

import java.util.Arrays;

/**
 * Percentiles of one series of timings. Linear interpolation between the two nearest ranks
 * (numpy's default, "type 7"): p50 is the usual median (the mean of the two middle values of an
 * even count), p0 the minimum, p100 the maximum.
 */
public record Percentiles(int count, double min, double p50, double p90, double p99, double max) {

    /** The percentiles of {@code values}, in their own unit; the array is not modified. */
    public static Percentiles of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, sorted[0], at(sorted, 50), at(sorted, 90), at(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The {@code p}-th percentile (0 to 100) of values sorted ascending. */
    public static double at(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is from 0 to 100, not " + p);
        }
        double rank = (sorted.length - 1) * p / 100;
        int below = (int) Math.floor(rank);
        if (below >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below]);
    }

    /** Nanoseconds to milliseconds, for {@link #of}. */
    public static double[] millis(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return ms;
    }
}
