package io.sixjoin.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy CPU time of the whole machine, from {@code /proc/stat}, so a benchmark can tell how much of the cores
 * something other than itself took while it measured (another build on a shared host skews a ratio far more
 * than any code change). Returns -1 where {@code /proc/stat} is not available.
 */
final class SystemCpu {
    /** Linux reports {@code /proc/stat} in USER_HZ ticks, which is 100 on every architecture the JDK runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private SystemCpu() {
    }

    /** Nanoseconds all cores spent busy (anything but idle and I/O wait) since boot, or -1. */
    static long busyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
