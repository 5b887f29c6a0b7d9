package dev.keyway.bench.warm;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One timed call, iteration after iteration: its wall times and the AWS requests each iteration
 * sent. Its name is also the {@link AwsCalls} phase its requests are counted under.
 */
final class Series {
    final String name;
    private final long[] nanos;
    private final int[] awsCalls;

    Series(String name, int iterations) {
        this.name = name;
        this.nanos = new long[iterations];
        this.awsCalls = new int[iterations];
    }

    /** Times one call; only {@code call} is inside the clock. */
    <T> T time(int iteration, Supplier<T> call) {
        long before = AwsCalls.count(name);
        AwsCalls.enter(name);
        long start = System.nanoTime();
        T result;
        try {
            result = call.get();
        } finally {
            nanos[iteration] = System.nanoTime() - start;
            AwsCalls.enter(null);
        }
        awsCalls[iteration] = (int) (AwsCalls.count(name) - before);
        return result;
    }

    int size() {
        return nanos.length;
    }

    double[] millis() {
        return Percentiles.millis(nanos);
    }

    Percentiles percentiles() {
        return Percentiles.of(millis());
    }

    /** How many iterations sent how many AWS requests: {@code {1=2000}} is one request every time. */
    Map<Integer, Integer> callsHistogram() {
        Map<Integer, Integer> histogram = new TreeMap<>();
        for (int n : awsCalls) {
            histogram.merge(n, 1, Integer::sum);
        }
        return histogram;
    }

    double meanCalls() {
        long sum = 0;
        for (int n : awsCalls) {
            sum += n;
        }
        return (double) sum / awsCalls.length;
    }

    /** Every series' time and AWS requests per iteration, one row per iteration, for a closer look. */
    static void writeCsv(Path file, List<Series> all) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("iteration");
        for (Series s : all) {
            String column = s.name.replaceAll("[^A-Za-z0-9]+", "_");
            head.append(',').append(column).append("_ms,").append(column).append("_aws_calls");
        }
        lines.add(head.toString());
        int n = all.get(0).size();
        for (int i = 0; i < n; i++) {
            StringBuilder row = new StringBuilder().append(i);
            for (Series s : all) {
                row.append(',').append(String.format(Locale.ROOT, "%.4f", s.nanos[i] / 1e6))
                        .append(',').append(s.awsCalls[i]);
            }
            lines.add(row.toString());
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void tableHeader(PrintStream out) {
        out.printf("%-44s %6s %8s %8s %8s %8s %8s  %s%n", "call", "n", "p50 ms", "p90 ms", "p99 ms", "min ms", "max ms",
                "AWS requests/call");
    }

    void tableRow(PrintStream out, String label) {
        Percentiles p = percentiles();
        out.printf(Locale.ROOT, "%-44s %6d %8.3f %8.3f %8.3f %8.3f %8.3f  %s%n", label, p.count(), p.p50(), p.p90(),
                p.p99(), p.min(), p.max(), String.format(Locale.ROOT, "%.3f", meanCalls()));
    }
}
