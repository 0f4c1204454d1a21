package io.sixjoin.bridge.serial;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A socat pty pair for tests: {@code a} and {@code b} are symlinks to the two ends; stop() kills only our socat. */
public final class SocatPty implements AutoCloseable {
    public final Path a;
    public final Path b;
    private Process process;

    public SocatPty(Path dir) {
        this.a = dir.resolve("ptyA");
        this.b = dir.resolve("ptyB");
    }

    /** Whether socat is installed; tests skip with a message when it is not. */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    public SocatPty start() throws IOException, InterruptedException {
        process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("socat did not create " + a + " and " + b);
            }
            Thread.sleep(20);
        }
        return this;
    }

    /** Kills socat, as an unplugged USB adapter would vanish, and waits until its links are gone. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Files.exists(a) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
