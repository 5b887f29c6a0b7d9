package dev.keyway.bench.warm;

/** {@code bin/bench resolve|proxy [--iterations N] [--warmup N]} */
record WarmOptions(int iterations, int warmup) {
    static final int DEFAULT_ITERATIONS = 2000;
    static final int DEFAULT_WARMUP = 500;

    static String usage(String command) {
        return """
                usage: bin/bench %s [--iterations N] [--warmup N] [--build]
                  --iterations N   timed iterations; each makes every compared call once (default %d)
                  --warmup N       untimed iterations first, for the JIT, the caches and the connections (default %d)
                  --build          rebuild the jars first (bin/bench builds them anyway when missing)"""
                .formatted(command, DEFAULT_ITERATIONS, DEFAULT_WARMUP);
    }

    static WarmOptions parse(String... args) {
        int iterations = DEFAULT_ITERATIONS;
        int warmup = DEFAULT_WARMUP;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = number("--iterations", value(args, ++i, "--iterations"), 1);
                case "--warmup" -> warmup = number("--warmup", value(args, ++i, "--warmup"), 0);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new WarmOptions(iterations, warmup);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String option, String value, int least) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + least + ", not " + value);
    }
}
