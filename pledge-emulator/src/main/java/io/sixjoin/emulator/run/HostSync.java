package io.sixjoin.emulator.run;

import java.util.function.LongSupplier;

/**
 * Keeps virtual time from running away from a host that lives on the wall clock (the bridge and the JRC, in
 * this process or another). A virtual-time run would otherwise emulate minutes while the JRC takes a few
 * milliseconds to answer, and every answer would arrive absurdly late. So after the emulated border router sends
 * the host something, virtual time holds still until the host has been quiet for {@code settle}; after a
 * datagram that may be answered (UDP: a Join Request, a Parameter Update's response), it holds until the answer
 * came or {@code answerTimeout} passed. To the motes the host then looks infinitely fast, which is what a run in
 * virtual time means. Thread-safe: the serial side reports input, the kernel thread output and asks.
 */
final class HostSync {
    private final long settleNanos;
    private final long answerTimeoutNanos;
    private final LongSupplier wallNanos;
    private volatile long lastActivity;
    private volatile long awaitingSince;
    private int outstanding; // guarded by this
    /** Starts high: the JRC's first answers come from a cold JVM. */
    private long typicalAnswerNanos = 250_000_000L; // guarded by this
    private static final long MIN_ANSWER_TIMEOUT_NANOS = 150_000_000L;
    private volatile boolean active;
    private long heldNanos;

    HostSync(long settleNanos, long answerTimeoutNanos, LongSupplier wallNanos) {
        this.settleNanos = settleNanos;
        this.answerTimeoutNanos = answerTimeoutNanos;
        this.wallNanos = wallNanos;
    }

    /** Turns holding on (virtual time with a host) or off (real time, or no host at all). */
    void setActive(boolean on) {
        active = on;
    }

    void output(boolean expectsAnswer) {
        // what needs no answer (a DAO) needs no wait: the serial line keeps it ahead of anything sent after it
        if (expectsAnswer) {
            long now = wallNanos.getAsLong();
            lastActivity = now;
            awaitingSince = now;
            synchronized (this) {
                outstanding++;
            }
        }
    }

    /**
     * The host sent something; {@code endsDatagram} when it was a whole datagram or the last fragment of one,
     * which counts as one answer.
     */
    void input(boolean endsDatagram) {
        long now = wallNanos.getAsLong();
        lastActivity = now;
        if (endsDatagram) {
            synchronized (this) {
                if (outstanding > 0) {
                    // how long answers take, smoothed: silence several times longer means no answer is coming
                    typicalAnswerNanos = (7 * typicalAnswerNanos + (now - awaitingSince)) / 8;
                }
                outstanding = Math.max(0, outstanding - 1);
            }
        }
    }

    /** The wait for an answer: eight times the typical answer time, within [minimum, the configured maximum]. */
    private long answerTimeout() {
        return Math.max(MIN_ANSWER_TIMEOUT_NANOS, Math.min(answerTimeoutNanos, 8 * typicalAnswerNanos));
    }

    /** How long virtual time must still hold, in wall nanoseconds; 0 to go on. */
    long holdNanos() {
        if (!active) {
            return 0;
        }
        long now = wallNanos.getAsLong();
        long hold = lastActivity + settleNanos - now;
        synchronized (this) {
            if (outstanding > 0) {
                long left = awaitingSince + answerTimeout() - now;
                if (left <= 0) {
                    outstanding = 0; // not every request is answered (a wrong PSK is dropped in silence)
                } else {
                    hold = Math.max(hold, left);
                }
            }
        }
        return Math.max(0, hold);
    }

    void held(long nanos) {
        heldNanos += nanos;
    }

    /** Wall time spent holding, for the report. */
    long heldNanos() {
        return heldNanos;
    }
}
