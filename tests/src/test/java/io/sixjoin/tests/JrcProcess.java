package io.sixjoin.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@code sixjoin jrc} as a separate JVM, the way an operator runs it; its stdout lines are collected. */
final class JrcProcess implements AutoCloseable {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    private JrcProcess(Process process) {
        this.process = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process died; its lines so far are kept
            }
        }, "jrc-stdout");
        t.setDaemon(true);
        t.start();
    }

    /** Runs {@code sixjoin ARGS} in {@code cwd} and waits for it to exit; returns its exit code. */
    static int run(Path cwd, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).directory(cwd.toFile()).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sixjoin did not finish");
        }
        return p.exitValue();
    }

    /** Starts {@code sixjoin jrc ARGS} and waits until it says it is listening. */
    static JrcProcess start(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("jrc"));
        all.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command(all.toArray(String[]::new))).directory(cwd.toFile());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        JrcProcess jrc = new JrcProcess(pb.start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jrc.lines.stream().noneMatch(l -> l.contains("listening on"))) {
            if (!jrc.process.isAlive() || System.nanoTime() > deadline) {
                jrc.close();
                throw new AssertionError("the JRC did not start: " + jrc.lines);
            }
            Thread.sleep(20);
        }
        return jrc;
    }

    private static List<String> command(String... args) {
        return Cli.jar(args);
    }

    /** SIGKILL: no shutdown hook, no flush — what a crash or power-cycled host looks like to the store. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
