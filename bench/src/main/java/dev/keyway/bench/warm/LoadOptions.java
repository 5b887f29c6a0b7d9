package dev.keyway.bench.warm;

/** {@code bin/bench load [--seconds N] [--warmup N] [--concurrency C]} */
record LoadOptions(int seconds, int warmupSeconds, int concurrency) {
    static final String USAGE = """
            usage: bin/bench load [--seconds N] [--warmup N] [--concurrency C] [--build]
              --seconds N       measured seconds per phase (upstream, proxy, getitem, resolve; default 45, at most 600)
              --warmup N        untimed seconds before each phase (default 5)
              --concurrency C   threads calling at once (default 8, at most 64)""";

    static LoadOptions parse(String... args) {
        int seconds = 45;
        int warmup = 5;
        int concurrency = 8;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--seconds" -> seconds = number(option, value, 1, 600);
                case "--warmup" -> warmup = number(option, value, 0, 600);
                case "--concurrency" -> concurrency = number(option, value, 1, 64);
                default -> throw new IllegalArgumentException("unknown argument " + option);
            }
        }
        return new LoadOptions(seconds, warmup, concurrency);
    }

    private static int number(String option, String value, int least, int most) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least && n <= most) {
                return n;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + least + " to " + most + ", not " + value);
    }
}
