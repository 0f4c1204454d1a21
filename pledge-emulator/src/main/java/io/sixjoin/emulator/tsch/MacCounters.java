package io.sixjoin.emulator.tsch;

/**
 * The mutable counters behind {@link MacStats}, updated by the MAC and its helpers on the kernel
 * thread; {@link #snapshot()} freezes them into the public record. Kept apart so the MAC's logic is not
 * drowned in bookkeeping.
 */
final class MacCounters {
    long txFrames;
    long txBeacons;
    long txAcked;
    long txFailures;
    long retries;
    long drops;
    long rxFrames;
    long rxBeacons;
    long rxCollisions;
    long securityFailures;
    long syncs;
    long desyncs;
    long activeSlots;
    long elapsedSlots;

    /** Counts what became of a frame sent in a shared cell. */
    void count(TransmitQueue.Outcome outcome) {
        switch (outcome.result()) {
            case DELIVERED -> txAcked += outcome.frame().isBroadcast() ? 0 : 1;
            case RETRY -> {
                txFailures++;
                retries++;
            }
            case DROPPED -> {
                txFailures++;
                drops++;
            }
        }
    }

    MacStats snapshot() {
        return new MacStats(txFrames, txBeacons, txAcked, txFailures, retries, drops, rxFrames, rxBeacons,
                rxCollisions, securityFailures, syncs, desyncs, activeSlots, elapsedSlots);
    }
}
