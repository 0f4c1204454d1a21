package io.sixjoin.emulator.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VirtualClockTest {

    @Test
    void defaultSlotIsTenMilliseconds() {
        VirtualClock c = new VirtualClock();
        assertEquals(10_000, c.slotMicros());
        assertEquals(Duration.ofMillis(10), c.slot());
        assertEquals(0, c.asn());
    }

    @Test
    void convertsBetweenAsnAndDuration() {
        VirtualClock c = new VirtualClock();
        assertEquals(Duration.ofSeconds(1), c.durationOf(100));
        assertEquals(100, c.asnAt(Duration.ofSeconds(1)));
        assertEquals(100, c.asnAt(Duration.ofMillis(1009)));
        assertEquals(101, c.slotsCovering(Duration.ofMillis(1001)));
        assertEquals(100, c.slotsCovering(Duration.ofSeconds(1)));
        assertEquals(1, c.slotsCovering(Duration.ofNanos(1)));
        assertEquals(1_002_120, c.timeOf(100, 2_120));
        assertEquals(2, VirtualClock.toMicros(Duration.ofNanos(1_001)));
    }

    @Test
    void readsAsnAndOffsetFromTime() {
        VirtualClock c = new VirtualClock();
        c.advanceTo(1_234_567);
        assertEquals(123, c.asn());
        assertEquals(4_567, c.offsetInSlot());
        assertEquals(Duration.ofNanos(1_234_567_000), c.elapsed());
        assertEquals("ASN 123 +4567µs", c.toString());
    }

    @Test
    void rejectsBadSlotsOffsetsAndBackwardTime() {
        assertThrows(IllegalArgumentException.class, () -> new VirtualClock(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new VirtualClock(Duration.ofNanos(1_500)));
        VirtualClock c = new VirtualClock(Duration.ofMillis(15));
        assertEquals(15_000, c.slotMicros());
        assertThrows(IllegalArgumentException.class, () -> c.timeOf(1, 15_000));
        assertThrows(IllegalArgumentException.class, () -> c.timeOf(1, -1));
        assertThrows(IllegalArgumentException.class, () -> c.slotsCovering(Duration.ofMillis(-1)));
        c.advanceTo(100);
        assertThrows(IllegalStateException.class, () -> c.advanceTo(99));
    }
}
