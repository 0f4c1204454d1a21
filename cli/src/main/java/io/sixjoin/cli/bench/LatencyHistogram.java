package io.sixjoin.cli.bench;

/**
 * Round-trip latencies of one measurement, in microsecond buckets up to {@link #MAX_MICROS} (anything slower
 * lands in the last bucket). Fixed-size and allocation-free on the hot path, so recording a sample does not
 * itself disturb the numbers being measured. Not thread-safe: each load generator thread owns one.
 */
public final class LatencyHistogram {
    /** Latencies above this are counted but reported as this value: they are failures in all but name. */
    public static final int MAX_MICROS = 1_000_000;

    private final int[] counts = new int[MAX_MICROS + 1];
    private long total;

    public void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[(int) Math.min(micros, MAX_MICROS)]++;
        total++;
    }

    /** Adds every sample of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public long count() {
        return total;
    }

    /**
     * The latency in microseconds at or below which {@code fraction} of the samples lie (nearest rank), or 0
     * when nothing was recorded.
     */
    public long percentileMicros(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MICROS;
    }
}
