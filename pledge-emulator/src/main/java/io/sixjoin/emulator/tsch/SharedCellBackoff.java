package io.sixjoin.emulator.tsch;

import java.util.SplittableRandom;

/**
 * The TSCH CSMA-CA of 802.15.4-2015 as it applies to shared cells: a frame goes out in the first
 * shared cell without waiting; after each unacknowledged attempt the sender skips a random number of
 * shared cells drawn from [0, 2^BE - 1] and raises BE up to {@code maxBe}; success or a drop resets BE to
 * {@code minBe}. Only the shared cells in which the mote has something to send count down the backoff,
 * which is what the standard says and what keeps a collided pair of motes from colliding again in
 * lock-step. Broadcasts never back off because they are never acknowledged.
 */
final class SharedCellBackoff {

    private final int minBe;
    private final int maxBe;
    private int be;
    private int remaining;

    SharedCellBackoff(int minBe, int maxBe) {
        this.minBe = minBe;
        this.maxBe = maxBe;
        this.be = minBe;
    }

    /**
     * Called in a shared cell with a frame waiting: true if the frame may go out now; otherwise one
     * cell of the backoff has been spent.
     */
    boolean mayTransmit() {
        if (remaining > 0) {
            remaining--;
            return false;
        }
        return true;
    }

    /** An attempt went unacknowledged: wait a random number of shared cells before the next one. */
    void onFailure(SplittableRandom rand) {
        remaining = rand.nextInt(1 << be);
        be = Math.min(be + 1, maxBe);
    }

    /** The frame at the head of the queue was acknowledged or dropped. */
    void reset() {
        be = minBe;
        remaining = 0;
    }

    /** Current backoff exponent. */
    int exponent() {
        return be;
    }

    /** Shared cells still to skip. */
    int remaining() {
        return remaining;
    }

    @Override
    public String toString() {
        return "SharedCellBackoff[BE=" + be + ", remaining=" + remaining + "]";
    }
}
