package io.sixjoin.cli.bench;

/**
 * The UART arithmetic of {@code bench bridge}: how long a frame occupies an 8N1 line, when a paced writer may
 * hand over each frame, and the theoretical frames/s bound of a line (performance-floors.md §4.1). A pty ignores
 * the baud rate, so the bench writer paces itself with {@link #dueNanos}: frame {@code i} is written at the
 * instant its last byte would have left a real UART, which makes the offered load exactly the line's bound and
 * keeps the wire time itself out of the measured latency. Times are absolute from one start, so a late wake-up
 * never accumulates into drift.
 */
public final class BridgePacing {
    /** 8N1: one start bit, eight data bits, one stop bit per byte. */
    public static final int BITS_PER_BYTE_8N1 = 10;
    /** Above this many bytes the nanosecond product below would overflow a long; hours of line time. */
    static final long MAX_BYTES = Long.MAX_VALUE / (BITS_PER_BYTE_8N1 * 1_000_000_000L);

    private BridgePacing() {
    }

    /** Nanoseconds {@code bytes} take on an 8N1 line at {@code baud}. */
    public static long wireNanos(long bytes, int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive, got " + baud);
        }
        if (bytes < 0 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("byte count " + bytes + " outside 0.." + MAX_BYTES);
        }
        return bytes * BITS_PER_BYTE_8N1 * 1_000_000_000L / baud;
    }

    /**
     * When a paced writer hands over the frame that ends after {@code cumulativeBytes} bytes since
     * {@code startNanos}: the moment its last byte would leave the UART.
     */
    public static long dueNanos(long startNanos, long cumulativeBytes, int baud) {
        return startNanos + wireNanos(cumulativeBytes, baud);
    }

    /** The most frames/s an 8N1 line at {@code baud} can carry when a frame takes {@code wireBytes} bytes. */
    public static double boundFramesPerSecond(int baud, double wireBytes) {
        if (baud <= 0 || !(wireBytes > 0)) {
            throw new IllegalArgumentException("need a positive baud rate and frame size, got " + baud + " and "
                    + wireBytes);
        }
        return baud / (double) BITS_PER_BYTE_8N1 / wireBytes;
    }
}
