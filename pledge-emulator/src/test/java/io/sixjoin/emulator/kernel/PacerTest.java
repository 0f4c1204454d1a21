package io.sixjoin.emulator.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

    private static final EventKind TICK = EventKind.named("tick");

    /** A wall clock that only moves when the pacer sleeps (or the test says so). */
    private static final class FakeWall {
        long nanos = 5_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        Pacer pacer(double speed) {
            return Pacer.realTime(speed, () -> nanos, n -> {
                sleeps.add(n);
                nanos += n;
            });
        }
    }

    @Test
    void realTimeSleepsSoVirtualTimeTracksTheWall() {
        FakeWall wall = new FakeWall();
        EventKernel k = new EventKernel(new VirtualClock(), new EventTrace(), wall.pacer(1.0));
        for (int asn = 0; asn < 100; asn += 10) {
            k.scheduleAtAsn(asn, TICK, 0, e -> { });
        }
        k.runUntilAsn(100);
        assertEquals(1_000_000_000L, wall.nanos - 5_000_000_000L, "one virtual second took one wall second");
        assertEquals(10, wall.sleeps.size(), "9 gaps between events, then the wait to the limit");
        assertTrue(wall.sleeps.stream().allMatch(n -> n == 100_000_000L));
    }

    @Test
    void speedFactorScalesTheWait() {
        FakeWall wall = new FakeWall();
        EventKernel k = new EventKernel(new VirtualClock(), new EventTrace(), wall.pacer(4.0));
        k.scheduleAtAsn(0, TICK, 0, e -> { });
        k.scheduleAtAsn(400, TICK, 0, e -> { });
        k.runUntilAsn(401);
        assertEquals(1_002_500_000L, wall.nanos - 5_000_000_000L);
    }

    @Test
    void fallingBehindRecordsLagInsteadOfSleeping() {
        FakeWall wall = new FakeWall();
        Pacer pacer = wall.pacer(1.0);
        EventKernel k = new EventKernel(new VirtualClock(), new EventTrace(), pacer);
        k.scheduleAtAsn(0, TICK, 0, e -> wall.nanos += 300_000_000L);
        k.scheduleAtAsn(10, TICK, 0, e -> { });
        k.runUntil(() -> false, Long.MAX_VALUE);
        assertTrue(wall.sleeps.isEmpty());
        assertEquals(200_000_000L, pacer.maxLagNanos());
    }

    @Test
    void anInterruptedSleepEndsTheRun() {
        Pacer pacer = Pacer.realTime(1.0, () -> 0L, n -> {
            throw new InterruptedException();
        });
        EventKernel k = new EventKernel(new VirtualClock(), new EventTrace(), pacer);
        int[] fired = new int[1];
        k.scheduleAtAsn(0, TICK, 0, e -> fired[0]++);
        k.scheduleAtAsn(1, TICK, 0, e -> fired[0]++);
        try {
            assertEquals(1, k.runUntilAsn(5));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, fired[0]);
        assertEquals(1, k.pending());
    }

    @Test
    void unpacedNeverSleepsAndSpeedMustBePositive() {
        assertFalse(Pacer.unpaced().isPaced());
        assertTrue(Pacer.unpaced().awaitVirtual(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Pacer.realTime(0));
        assertThrows(IllegalArgumentException.class, () -> Pacer.realTime(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Pacer.realTime(Double.POSITIVE_INFINITY));
    }
}
