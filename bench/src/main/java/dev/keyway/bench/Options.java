package dev.keyway.bench;

import java.util.ArrayList;
import java.util.List;

/** {@code bin/bench coldstart [--runs N] [--function LogicalId]...} */
record Options(int runs, List<String> functions) {
    static final int DEFAULT_RUNS = 5;
    static final String USAGE = """
            usage: bin/bench coldstart [--runs N] [--function LogicalId]... [--build]
              --runs N               timed runs per function and as many of the bare handler, alternating (default 5)
              --function LogicalId   only this template.yaml function (repeatable); default: every function
                                     with a sample event in bench/coldstart.properties
              --build                rebuild the jars first (bin/bench builds them anyway when missing)""";

    static Options parse(String... args) {
        int runs = DEFAULT_RUNS;
        List<String> functions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = positive("--runs", value(args, ++i, "--runs"));
                case "--function" -> functions.add(value(args, ++i, "--function"));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new Options(runs, List.copyOf(functions));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // same answer as zero
        }
        throw new IllegalArgumentException(option + " must be a whole number from 1, not " + value);
    }
}
