package io.sixjoin.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The machine a benchmark ran on, as recorded next to its numbers: absolute rates mean little across machines,
 * so the reader needs to know what produced them (the ratios to the same-run baselines are what compare).
 */
public record Machine(String cpu, int cores, String jdk, String os, long maxHeapBytes, Instant date,
        String loadAverage) {
    /** Describes this JVM and host; the CPU model comes from {@code /proc/cpuinfo} where there is one. */
    public static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " ("
                        + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                HeapProbe.maxHeap(), Instant.now().truncatedTo(ChronoUnit.SECONDS), currentLoadAverage());
    }

    /** The 1-minute load average, which shows whether something else was competing for the cores. */
    private static String currentLoadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load);
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: say so rather than fail the benchmark
        }
        return "unknown CPU (" + System.getProperty("os.arch") + ")";
    }
}
