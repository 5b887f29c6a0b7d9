package dev.keyway.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code node --test} on some test files, its output copied into this JVM's, bounded in time. */
final class NodeRun {
    private NodeRun() {
    }

    /** The exit code, or -1 when it did not finish in time (then it and its Chromium are killed). */
    static int test(Path directory, Path fixture, long minutes, Path... files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
        for (Path file : files) {
            command.add(file.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("KEYWAY_FIXTURE", fixture.toString());
        Process process = builder.start();
        // Copied line by line: a child writing straight to this JVM's stdout would corrupt surefire's channel.
        Thread pump = Thread.ofVirtual().start(() -> process.inputReader().lines().forEach(System.out::println));
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            pump.join(1_000);
            return -1;
        }
        pump.join(5_000);
        return process.exitValue();
    }
}
