package io.sixjoin.emulator.mote;

import java.util.SplittableRandom;

/**
 * The RFC 6206 Trickle timer that paces a mote's DIOs. Its constants are scaled to a TSCH minimal schedule
 * rather than taken from RFC 6550's defaults (Imin 8 ms): one shared cell per slotframe carries every frame of a
 * neighbourhood, so the smallest interval is a few slotframes and redundancy suppression (k) is what keeps a dense
 * network from spending its only cell on DIOs. Times are microseconds of the caller's clock.
 */
final class DioTrickle {
    private final long iminMicros;
    private final int doublings;
    private final int redundancy;
    private final SplittableRandom rand;
    private long interval;
    private long intervalEnd;
    private long fireAt;
    private int heard;
    private boolean fired;

    DioTrickle(long iminMicros, int doublings, int redundancy, SplittableRandom rand) {
        this.iminMicros = iminMicros;
        this.doublings = doublings;
        this.redundancy = redundancy;
        this.rand = rand;
    }

    /** Starts over at the smallest interval (an inconsistency: a new parent, a new rank). */
    void reset(long now) {
        interval = iminMicros;
        begin(now);
    }

    /** A consistent DIO was heard. */
    void heard() {
        heard++;
    }

    /** Whether to send a DIO now; advances the timer past {@code now}. */
    boolean poll(long now) {
        boolean send = false;
        if (!fired && now >= fireAt) {
            fired = true;
            send = redundancy == 0 || heard < redundancy;
        }
        if (now >= intervalEnd) {
            interval = Math.min(interval * 2, iminMicros << doublings);
            begin(intervalEnd);
        }
        return send;
    }

    /** When {@link #poll} next has something to do. */
    long nextDeadline() {
        return fired ? intervalEnd : fireAt;
    }

    private void begin(long start) {
        intervalEnd = start + interval;
        fireAt = start + interval / 2 + rand.nextLong(interval / 2 + 1);
        heard = 0;
        fired = false;
    }
}
