package dev.keyway.local;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything this JVM prints on stdout and stderr (the functions' structured log lines,
 * the runner's messages, stack traces) into memory while still printing it, from {@link #start}
 * until {@link #close}.
 */
final class StdioTee implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StdioTee() {
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    }

    static StdioTee start() {
        return new StdioTee();
    }

    /** What was printed so far, stdout and stderr interleaved as written. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private final class Tee extends OutputStream {
        private final OutputStream through;

        Tee(OutputStream through) {
            this.through = through;
        }

        @Override
        public void write(int b) {
            synchronized (captured) {
                captured.write(b);
            }
            try {
                through.write(b);
            } catch (java.io.IOException e) {
                // the original stream is best effort
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (captured) {
                captured.write(b, off, len);
            }
            try {
                through.write(b, off, len);
            } catch (java.io.IOException e) {
                // the original stream is best effort
            }
        }

        @Override
        public void flush() {
            try {
                through.flush();
            } catch (java.io.IOException e) {
                // best effort
            }
        }
    }
}
