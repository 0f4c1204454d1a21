package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The UART arithmetic behind the paced scenarios and the bound they are compared with; no timing here. */
class BridgePacingTest {
    @Test
    void eightNOneTakesTenBitsPerByte() {
        // 11,520 bytes/s at 115200: one byte is 86.8 µs, a 127-byte frame 11.02 ms
        assertEquals(86_805, BridgePacing.wireNanos(1, 115_200));
        assertEquals(11_024_305, BridgePacing.wireNanos(127, 115_200));
        assertEquals(1_000_000_000L, BridgePacing.wireNanos(11_520, 115_200));
        assertEquals(1_000_000_000L, BridgePacing.wireNanos(92_160, 921_600));
        assertEquals(0, BridgePacing.wireNanos(0, 115_200));
    }

    @Test
    void boundMatchesPerformanceFloorsSection41() {
        // §4.1: ≈84 frames/s of 127 B + ≈10 B HDLC at 115200, ≈670 at 921600
        assertEquals(84.1, BridgePacing.boundFramesPerSecond(115_200, 137), 0.05);
        assertEquals(672.7, BridgePacing.boundFramesPerSecond(921_600, 137), 0.05);
        assertEquals(8.0 * BridgePacing.boundFramesPerSecond(115_200, 111.16),
                BridgePacing.boundFramesPerSecond(921_600, 111.16), 1e-9);
    }

    @Test
    void dueTimesAreAbsoluteSoLateWakeUpsDoNotDrift() {
        long start = 5_000_000_000L;
        // frame i is due when its last byte would have left the UART: cumulative bytes, not per-frame sums
        long afterTen = BridgePacing.dueNanos(start, 10 * 111, 115_200);
        assertEquals(start + BridgePacing.wireNanos(1110, 115_200), afterTen);
        long perFrameSum = 0;
        for (int i = 0; i < 10; i++) {
            perFrameSum += BridgePacing.wireNanos(111, 115_200);
        }
        // summing rounded per-frame times would lose up to a nanosecond a frame; the absolute form does not
        assertEquals(afterTen - start, perFrameSum, 10);
        assertEquals(start + 1_000_000_000L, BridgePacing.dueNanos(start, 11_520, 115_200));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BridgePacing.wireNanos(1, 0));
        assertThrows(IllegalArgumentException.class, () -> BridgePacing.wireNanos(-1, 115_200));
        assertThrows(IllegalArgumentException.class, () -> BridgePacing.wireNanos(Long.MAX_VALUE, 115_200));
        assertThrows(IllegalArgumentException.class, () -> BridgePacing.boundFramesPerSecond(115_200, 0));
        assertThrows(IllegalArgumentException.class, () -> BridgePacing.boundFramesPerSecond(-5, 100));
    }
}
