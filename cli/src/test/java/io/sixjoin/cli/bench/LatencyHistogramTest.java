package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void nearestRankPercentilesInMicroseconds() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentileMicros(0.5));
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1000L);
        }
        assertEquals(50, h.percentileMicros(0.50));
        assertEquals(99, h.percentileMicros(0.99));
        assertEquals(100, h.percentileMicros(1.0));
        h.record(5_000_000_000L); // 5 s: clamped, still counted
        assertEquals(101, h.count());
        assertEquals(LatencyHistogram.MAX_MICROS, h.percentileMicros(1.0));
    }
}
