package io.sixjoin.bridge.serial;

import java.io.Closeable;
import java.io.IOException;

/**
 * One open byte stream to a border-router mote: a USB serial port, a pty, or a TCP socket carrying the same
 * bytes (FIT IoT-LAB, our emulator). Everything above it (HDLC, probing, pcap, reconnecting) works on this
 * interface only, so the same code runs over every transport and tests can use an in-memory pair. A link that
 * has failed for good (unplugged, peer closed, socket reset) throws {@link LinkFailedException}; a plain
 * timeout is not a failure and reads return 0. Reads and writes may happen on different threads.
 */
public interface SerialLink extends Closeable {
    /**
     * Reads up to {@code length} bytes, waiting at most {@code timeoutMillis} for the first one.
     *
     * @return the number of bytes read, 0 if none arrived in time
     * @throws LinkFailedException if the link is gone; the caller must close it and open a new one
     */
    int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException;

    /**
     * Writes all of {@code bytes} or fails.
     *
     * @throws LinkFailedException if the link is gone
     */
    void write(byte[] bytes) throws IOException;

    /** What this link is connected to, for log lines ({@code /dev/ttyUSB0 @ 115200}, {@code tcp://node:20000}). */
    String describe();

    /** Idempotent; never throws. Unblocks a reader waiting on another thread. */
    @Override
    void close();
}
