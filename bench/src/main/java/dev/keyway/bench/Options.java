package dev.keyway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/bench coldstart [--runs N] [--function LogicalId]... [--classpath-append JAR]...} */
record Options(int runs, List<String> functions, List<Path> classpathAppend) {
    static final int DEFAULT_RUNS = 5;
    static final String USAGE = """
            usage: bin/bench coldstart [--runs N] [--function LogicalId]... [--classpath-append JAR]... [--build]
              --runs N                  timed runs per function, and as many of the bare handler, alternating (default 5)
              --function LogicalId      only this template.yaml function (repeatable); default: every function
                                        with a sample event in bench/coldstart.properties
              --classpath-append JAR    put JAR after each function's jar (repeatable): what a dependency would cost,
                                        measured before changing any pom; the report says it was used
              --build                   rebuild the jars first (bin/bench builds them anyway when missing)""";

    static Options parse(String... args) {
        int runs = DEFAULT_RUNS;
        List<String> functions = new ArrayList<>();
        List<Path> append = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = positive("--runs", value(args, ++i, "--runs"));
                case "--function" -> functions.add(value(args, ++i, "--function"));
                case "--classpath-append" -> append.add(jar(value(args, ++i, "--classpath-append")));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new Options(runs, List.copyOf(functions), List.copyOf(append));
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

    private static Path jar(String value) {
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--classpath-append: no file " + path);
        }
        return path;
    }
}
