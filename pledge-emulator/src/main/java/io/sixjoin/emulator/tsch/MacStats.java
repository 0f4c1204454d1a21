package io.sixjoin.emulator.tsch;

/**
 * Counters of one mote's MAC since it was created. A sender cannot tell a collision from a loss, so
 * both show up as {@code txFailures}; {@code rxCollisions} counts the slots in which this mote listened
 * and two or more frames garbled each other. Duty cycle counts a scanning mote's radio as on for every
 * slot (it listens continuously) and a synchronised one as on for its active cells only.
 *
 * @param txFrames         data frames put on the air, retransmissions included
 * @param txBeacons        EBs put on the air
 * @param txAcked          unicast frames acknowledged
 * @param txFailures       unicast attempts without an ACK
 * @param retries          retransmissions scheduled after a failure
 * @param drops            frames given up: retry limit, full queue, desync, missing key
 * @param rxFrames         data frames passed to the upper layer
 * @param rxBeacons        EBs accepted (scanning or from the time source)
 * @param rxCollisions     listening slots lost to a collision
 * @param securityFailures frames dropped by the key policy or a MIC that did not verify
 * @param syncs            times the mote synchronised
 * @param desyncs          times it lost synchronisation
 * @param activeSlots      slots with the radio on
 * @param elapsedSlots     slots elapsed while powered
 */
public record MacStats(long txFrames, long txBeacons, long txAcked, long txFailures, long retries, long drops,
        long rxFrames, long rxBeacons, long rxCollisions, long securityFailures, long syncs, long desyncs,
        long activeSlots, long elapsedSlots) {

    /** Active slots over elapsed slots, 0 before the first slot. */
    public double dutyCycle() {
        return elapsedSlots == 0 ? 0 : (double) activeSlots / elapsedSlots;
    }

    /** Field-by-field sum, for network totals. */
    public MacStats plus(MacStats o) {
        return new MacStats(txFrames + o.txFrames, txBeacons + o.txBeacons, txAcked + o.txAcked,
                txFailures + o.txFailures, retries + o.retries, drops + o.drops, rxFrames + o.rxFrames,
                rxBeacons + o.rxBeacons, rxCollisions + o.rxCollisions, securityFailures + o.securityFailures,
                syncs + o.syncs, desyncs + o.desyncs, activeSlots + o.activeSlots, elapsedSlots + o.elapsedSlots);
    }

    /** All zero. */
    public static MacStats zero() {
        return new MacStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
