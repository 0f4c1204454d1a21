package io.sixjoin.emulator.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Prints kernel throughput for 10,000 motes that each wake once per slot at a fixed sub-slot offset
 * (the TSCH slot tick) and reschedule themselves. Timing is printed, never asserted: CI machines vary.
 */
class KernelThroughputTest {

    private static final EventKind SLOT = EventKind.named("slot");

    @Test
    void tenThousandMotesTickingEverySlot() {
        int motes = 10_000;
        int slots = 300;
        run(motes, 20);
        long t0 = System.nanoTime();
        EventKernel k = run(motes, slots);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals((long) motes * slots, k.delivered());
        System.out.printf("[perf] kernel: %d motes x %d slots = %,d events in %.2f s -> %,.0f events/s, %,.0f slots/s%n",
                motes, slots, k.delivered(), secs, k.delivered() / secs, slots / secs);
    }

    private static EventKernel run(int motes, int slots) {
        EventKernel k = new EventKernel();
        for (int m = 0; m < motes; m++) {
            int mote = m;
            long offset = 2_120 + (m % 7);
            EventHandler[] h = new EventHandler[1];
            h[0] = e -> k.scheduleAtAsn(k.clock().asn() + 1, offset, SLOT, mote, 0, h[0]);
            k.scheduleAtAsn(0, offset, SLOT, mote, 0, h[0]);
        }
        k.runUntilAsn(slots);
        return k;
    }
}
