package io.sixjoin.emulator.tsch;

/**
 * The tunables of the emulated TSCH MAC, shared by every mote of one network. Durations are in slots
 * (10 ms each with the default timeslot template), because the MAC only ever reasons in ASNs. The
 * defaults follow RFC 8180 (slotframe 101, NUM_NEIGHBOURS_TO_WAIT 2, MAX_EB_DELAY 180 s, 3 MAC
 * retransmissions), 802.15.4 TSCH CSMA-CA (BE 1..5) and OpenWSN (one EB in about 1/10 of the shared
 * cells, keep-alive and desynchronisation timers of the same order as the firmware's). Change one value
 * with the {@code with...} methods.
 *
 * @param panId                  PAN ID sent in every frame and required of every frame received
 * @param slotframeLength        length of the minimal slotframe, in slots
 * @param ebProbability          chance that an advertising mote uses a shared cell for an EB
 * @param numNeighboursToWait    distinct EB senders a scanning pledge waits for (RFC 8180)
 * @param maxEbDelaySlots        how long after its first EB a pledge waits for more before choosing
 * @param scanDwellSlotframes    slotframes a scanning pledge stays on one channel before switching
 * @param keepAlivePeriodSlots   send a keep-alive when nothing went to the time source for this long
 * @param desyncTimeoutSlots     give up synchronisation when the time source was silent for this long
 * @param maxRetries             retransmissions of a unicast frame before it is dropped
 * @param minBe                  smallest backoff exponent in shared cells
 * @param maxBe                  largest backoff exponent in shared cells
 * @param queueCapacity          frames the transmit queue holds before refusing more
 * @param rekeyGuardSlots        COJP_REKEYING_GUARD_TIME: old keys live this long after a switch
 */
public record TschConfig(int panId, int slotframeLength, double ebProbability, int numNeighboursToWait,
        long maxEbDelaySlots, int scanDwellSlotframes, long keepAlivePeriodSlots, long desyncTimeoutSlots,
        int maxRetries, int minBe, int maxBe, int queueCapacity, long rekeyGuardSlots) {

    /** RFC 8180's recommended MAX_EB_DELAY, 180 s, in 10 ms slots. */
    public static final long DEFAULT_MAX_EB_DELAY_SLOTS = 18_000;

    public TschConfig {
        if (panId < 0 || panId > 0xFFFF) {
            throw new IllegalArgumentException("PAN ID " + panId + " outside 0..0xffff");
        }
        if (slotframeLength < 1 || slotframeLength > 0xFFFF) {
            throw new IllegalArgumentException("slotframe length " + slotframeLength + " outside 1..65535");
        }
        if (!(ebProbability >= 0 && ebProbability <= 1)) {
            throw new IllegalArgumentException("EB probability " + ebProbability + " outside [0, 1]");
        }
        if (numNeighboursToWait < 1 || maxEbDelaySlots < 0 || scanDwellSlotframes < 1) {
            throw new IllegalArgumentException("scan parameters: need >= 1 neighbour, delay >= 0, dwell >= 1");
        }
        if (keepAlivePeriodSlots < 1 || desyncTimeoutSlots <= keepAlivePeriodSlots) {
            throw new IllegalArgumentException("keep-alive period " + keepAlivePeriodSlots
                    + " must be positive and below the desync timeout " + desyncTimeoutSlots);
        }
        if (maxRetries < 0 || minBe < 0 || maxBe < minBe || maxBe > 15 || queueCapacity < 1 || rekeyGuardSlots < 0) {
            throw new IllegalArgumentException("retries " + maxRetries + ", BE " + minBe + ".." + maxBe
                    + ", queue " + queueCapacity + ", guard " + rekeyGuardSlots + ": out of range");
        }
    }

    /** RFC 8180 / OpenWSN defaults in PAN {@code panId}. */
    public static TschConfig defaults(int panId) {
        return new TschConfig(panId, 101, 0.1, 2, DEFAULT_MAX_EB_DELAY_SLOTS, 16, 1_000, 2_333, 3, 1, 5, 16,
                1_200);
    }

    public TschConfig withSlotframeLength(int value) {
        return new TschConfig(panId, value, ebProbability, numNeighboursToWait, maxEbDelaySlots,
                scanDwellSlotframes, keepAlivePeriodSlots, desyncTimeoutSlots, maxRetries, minBe, maxBe,
                queueCapacity, rekeyGuardSlots);
    }

    public TschConfig withEbProbability(double value) {
        return new TschConfig(panId, slotframeLength, value, numNeighboursToWait, maxEbDelaySlots,
                scanDwellSlotframes, keepAlivePeriodSlots, desyncTimeoutSlots, maxRetries, minBe, maxBe,
                queueCapacity, rekeyGuardSlots);
    }

    public TschConfig withScan(int neighboursToWait, long maxEbDelay) {
        return new TschConfig(panId, slotframeLength, ebProbability, neighboursToWait, maxEbDelay,
                scanDwellSlotframes, keepAlivePeriodSlots, desyncTimeoutSlots, maxRetries, minBe, maxBe,
                queueCapacity, rekeyGuardSlots);
    }

    public TschConfig withKeepAlive(long periodSlots, long desyncSlots) {
        return new TschConfig(panId, slotframeLength, ebProbability, numNeighboursToWait, maxEbDelaySlots,
                scanDwellSlotframes, periodSlots, desyncSlots, maxRetries, minBe, maxBe, queueCapacity,
                rekeyGuardSlots);
    }

    /** The shared-cell backoff exponents (802.15.4 TSCH CSMA-CA macMinBe, macMaxBe). */
    public TschConfig withBackoff(int minBackoffExponent, int maxBackoffExponent) {
        return new TschConfig(panId, slotframeLength, ebProbability, numNeighboursToWait, maxEbDelaySlots,
                scanDwellSlotframes, keepAlivePeriodSlots, desyncTimeoutSlots, maxRetries, minBackoffExponent,
                maxBackoffExponent, queueCapacity, rekeyGuardSlots);
    }

    public TschConfig withRekeyGuard(long slots) {
        return new TschConfig(panId, slotframeLength, ebProbability, numNeighboursToWait, maxEbDelaySlots,
                scanDwellSlotframes, keepAlivePeriodSlots, desyncTimeoutSlots, maxRetries, minBe, maxBe,
                queueCapacity, slots);
    }

    /** Whether {@code asn} falls in the minimal schedule's single cell (slot offset 0). */
    public boolean isSharedCell(long asn) {
        return asn % slotframeLength == 0;
    }

    /** The first shared-cell ASN at or after {@code asn}. */
    public long nextSharedCell(long asn) {
        long r = asn % slotframeLength;
        return r == 0 ? asn : asn + slotframeLength - r;
    }
}
