package dev.keyway.bench.refresh;

import java.util.ArrayList;
import java.util.List;

/** {@code bin/bench refresh [--accounts N] [--due N] [--concurrency 1,8,32]} */
record RefreshOptions(int accounts, int due, List<Integer> concurrencies) {
    static final int DEFAULT_ACCOUNTS = 100_000;
    static final int DEFAULT_DUE = 1_000;
    static final List<Integer> DEFAULT_CONCURRENCIES = List.of(1, 8, 32);

    RefreshOptions {
        concurrencies = List.copyOf(concurrencies);
    }

    static String usage() {
        return """
                usage: bin/bench refresh [--accounts N] [--due N] [--concurrency C,C,...] [--build]
                  --accounts N       linked accounts in the table, all in the due index (default %d)
                  --due N            of those, how many are due at each run (default %d)
                  --concurrency C,…  refreshes at a time in the timed runs, one run each (default %s)
                  --build            rebuild the jars first (bin/bench builds them anyway when missing)"""
                .formatted(DEFAULT_ACCOUNTS, DEFAULT_DUE, join(DEFAULT_CONCURRENCIES));
    }

    static RefreshOptions parse(String... args) {
        int accounts = DEFAULT_ACCOUNTS;
        int due = DEFAULT_DUE;
        List<Integer> concurrencies = DEFAULT_CONCURRENCIES;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--accounts" -> accounts = number("--accounts", value(args, ++i, "--accounts"), 2);
                case "--due" -> due = number("--due", value(args, ++i, "--due"), 1);
                case "--concurrency" -> concurrencies = list(value(args, ++i, "--concurrency"));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (due >= accounts) {
            throw new IllegalArgumentException("--due must be less than --accounts (" + due + " >= " + accounts + ")");
        }
        return new RefreshOptions(accounts, due, concurrencies);
    }

    /** Accounts that are in the due index but not due: every account but the due ones. */
    int notDue() {
        return accounts - due;
    }

    static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static List<Integer> list(String value) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            int n = number("--concurrency", part.strip(), 1);
            if (n > 256) {
                throw new IllegalArgumentException("--concurrency must be from 1 to 256, not " + n);
            }
            out.add(n);
        }
        return out;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String option, String value, int least) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + least + ", not " + value);
    }
}
