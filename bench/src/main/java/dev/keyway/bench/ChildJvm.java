package dev.keyway.bench;

import dev.keyway.bench.runner.InvokeOnce;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link InvokeOnce} in a fresh JVM: {@code java -cp <jar>:<runner>:<serialisation>}, with an
 * environment made only of what Lambda would set, and times it from process start to the line
 * that says the response is ready.
 */
final class ChildJvm {
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * One run. {@code wallMs} is what the bench compares: from starting the process to the
     * response. The rest is the child's own account of where that went.
     */
    record Sample(double wallMs, double jvmToMainMs, double initMs, double invokeMs, String response) {
    }

    private final Path java;
    private final List<Path> runnerClasspath;
    private final Path logDirectory;
    private int runs;

    ChildJvm(Path java, List<Path> runnerClasspath, Path logDirectory) {
        this.java = java;
        this.runnerClasspath = List.copyOf(runnerClasspath);
        this.logDirectory = logDirectory;
    }

    /** @param extra what follows the jar on the classpath, before the runner (a what-if: see --classpath-append) */
    Sample run(Path jar, List<Path> extra, String handlerClass, Path event, Map<String, String> environment) {
        List<String> classpath = new ArrayList<>();
        classpath.add(jar.toString());
        extra.forEach(p -> classpath.add(p.toString()));
        runnerClasspath.forEach(p -> classpath.add(p.toString()));
        List<String> command = new ArrayList<>(List.of(java.toString()));
        // For finding where an init's time goes, e.g. KEYWAY_BENCH_CHILD_JVM_OPTS="-Xlog:class+load:file=cl-%p.txt:uptime"
        String jvmOptions = System.getenv("KEYWAY_BENCH_CHILD_JVM_OPTS");
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath),
                InvokeOnce.class.getName(), handlerClass, event.toString()));
        Path stderr = logDirectory.resolve("run-" + (++runs) + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        // Only what Lambda would give the function: no PATH, HOME or AWS_PROFILE of whoever runs the bench.
        builder.environment().clear();
        builder.environment().putAll(environment);

        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java, e);
        }
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });

        String response = null;
        String result = null;
        long resultAt = 0;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = process.inputReader()) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(InvokeOnce.RESULT + " ")) {
                    resultAt = System.nanoTime();
                    result = line.substring(InvokeOnce.RESULT.length() + 1);
                } else if (line.startsWith(InvokeOnce.RESPONSE + " ")) {
                    response = line.substring(InvokeOnce.RESPONSE.length() + 1);
                } else if (other.size() < 40) {
                    other.add(line);
                }
            }
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            watchdog.interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + handlerClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
        if (result == null || response == null) {
            throw new RunFailed(handlerClass + " in " + jar.getFileName() + " gave no response (exit "
                    + (process.isAlive() ? "none: killed after " + TIMEOUT_SECONDS + " s" : process.exitValue()) + "): "
                    + cause(stderr) + "\n    full output: " + stderr + (other.isEmpty() ? "" : "\n    stdout: "
                    + String.join("\n            ", other)));
        }
        Map<String, Double> timings = parse(result);
        return new Sample((resultAt - start) / 1e6, timings.get("jvmToMainMs"), timings.get("initMs"),
                timings.get("invokeMs"), response);
    }

    private static Map<String, Double> parse(String result) {
        Map<String, Double> values = new HashMap<>();
        for (String pair : result.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
        }
        return values;
    }

    /** The exception that ended the child, and its root cause: enough to tell what broke. */
    private static String cause(Path stderr) {
        try {
            List<String> lines = Files.readAllLines(stderr);
            String first = lines.stream().filter(l -> l.startsWith("Exception in thread")).findFirst().orElse(null);
            String root = lines.stream().filter(l -> l.strip().startsWith("Caused by:")).reduce((a, b) -> b).orElse(null);
            if (first == null && root == null) {
                return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
            }
            return (first == null ? "" : first.strip()) + (root == null ? "" : "\n    " + root.strip());
        } catch (IOException e) {
            return "(" + stderr + " unreadable: " + e.getMessage() + ")";
        }
    }
}
