package io.sixjoin.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code sixjoin} in a separate process, as a user does: through the {@code ./sixjoin} launcher, or straight
 * from the built jar when a test must be fast (the launcher rebuilds the jar, for minutes, whenever any main source
 * is newer than it). Shared by the tests that need a real process: {@link LauncherTest}, {@link JrcProcess},
 * {@link CliUserErrorsTest} and {@link Deployment}.
 */
final class Cli {
    /** The repository root; surefire runs in tests/. */
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path JAR = ROOT.resolve("cli/target/sixjoin.jar");

    private Cli() {
    }

    /** A finished run: exit code and everything it printed. */
    record Run(int exit, String out, String err) {
        /** Both streams, for assertion messages. */
        String both() {
            return "stdout: " + out + "\nstderr: " + err;
        }
    }

    /** {@code ./sixjoin ARGS}. */
    static List<String> launcher(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("sixjoin").toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code java -jar cli/target/sixjoin.jar ARGS}, with the JVM running the tests. */
    static List<String> jar(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs {@code command} in {@code cwd} to the end. Output goes through temporary files outside {@code cwd}, so
     * a test can check that a command left nothing behind, and a chatty process cannot block on a full pipe.
     */
    static Run run(Path cwd, Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sixjoin-out", ".txt");
        Path err = Files.createTempFile("sixjoin-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toSeconds()
                            + " s");
                }
            } finally {
                p.destroyForcibly();
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts {@code command} in {@code cwd} and keeps collecting its lines; close it in a finally. */
    static Running start(Path cwd, List<String> command) throws IOException {
        return new Running(new ProcessBuilder(command).directory(cwd.toFile()).start());
    }

    /** A process still running, e.g. a bridge, whose stdout and stderr lines are collected as they come. */
    static final class Running implements AutoCloseable {
        final Process process;
        final List<String> out = new CopyOnWriteArrayList<>();
        final List<String> err = new CopyOnWriteArrayList<>();

        private Running(Process process) {
            this.process = process;
            collect(process.getInputStream(), out, "stdout");
            collect(process.getErrorStream(), err, "stderr");
        }

        private static void collect(InputStream in, List<String> into, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        into.add(l);
                    }
                } catch (IOException e) {
                    // the process is gone; the lines so far are kept
                }
            }, "sixjoin-" + name);
            t.setDaemon(true);
            t.start();
        }

        /** Waits until a stderr line matches, and returns it; fails, naming what was printed, if none does. */
        String awaitErrLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            return awaitLine(err, wanted, timeout);
        }

        /** Waits until a stdout line matches, and returns it; fails, naming what was printed, if none does. */
        String awaitOutLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            return awaitLine(out, wanted, timeout);
        }

        private String awaitLine(List<String> lines, Predicate<String> wanted, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                boolean gone = !process.isAlive();
                if (gone) {
                    Thread.sleep(100); // let the collector threads read what the process printed last
                }
                for (String l : lines) {
                    if (wanted.test(l)) {
                        return l;
                    }
                }
                if (gone || System.nanoTime() >= deadline) {
                    break; // a dead process prints nothing more: fail now rather than at the deadline
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no such line in " + timeout.toSeconds() + " s; alive " + process.isAlive()
                    + "\nstdout: " + out + "\nstderr: " + err);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
