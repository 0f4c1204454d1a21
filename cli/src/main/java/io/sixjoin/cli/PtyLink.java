package io.sixjoin.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pty at a chosen path whose other side is a TCP serial line, made with {@code socat}: the way to hand the
 * emulated border-router mote to a program that only opens serial devices (jSerialComm, OpenVisualizer, minicom).
 * socat holds the pty open, so the path exists until the returned process is destroyed.
 */
final class PtyLink {
    private PtyLink() {
    }

    /** Starts socat linking a new pty at {@code path} to {@code tcp}; waits until the path exists. */
    static Process start(Path path, InetSocketAddress tcp) throws IOException, InterruptedException {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("--serial-pty " + path + ": the path exists already; remove it or pick another");
        }
        ProcessBuilder pb = new ProcessBuilder("socat", "PTY,link=" + path.toAbsolutePath() + ",raw,echo=0",
                "TCP:" + tcp.getHostString() + ":" + tcp.getPort()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new BadInputException("--serial-pty needs socat, which was not found (install it: apt-get install "
                    + "socat)");
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(path) && System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IOException("--serial-pty " + path + ": socat exited with code " + p.exitValue()
                        + " (is the directory writable?)");
            }
            Thread.sleep(20);
        }
        if (!Files.exists(path)) {
            p.destroy();
            throw new IOException("--serial-pty " + path + ": socat did not create the pty within 10 s");
        }
        return p;
    }
}
