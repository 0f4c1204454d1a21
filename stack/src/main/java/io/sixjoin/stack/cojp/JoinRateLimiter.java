package io.sixjoin.stack.cojp;

import java.util.OptionalLong;

/**
 * The Join Proxy's cap on join traffic towards the JRC (RFC 9031 §7.2, §8.4.2): the join rate of the last
 * Configuration, in bytes per second, enforced as a token bucket holding at most ACK_TIMEOUT's worth of bytes, so
 * the rate is measured over the short window §7.2 suggests. A join rate of 0 drops everything; no join rate at all
 * means unlimited. The bucket may go into debt by one datagram: at the default PROBING_RATE of 1 byte/s the bucket
 * holds 10 bytes and a Join Request is some 50, so a bucket that demanded the full size up front would never let
 * one through, whereas debt keeps the long-run average at the rate and still lets joins happen.
 */
public final class JoinRateLimiter {
    private static final double WINDOW_S = CojpOscoreProfile.ACK_TIMEOUT.toMillis() / 1000.0;

    private OptionalLong rate = OptionalLong.empty();
    private double level;
    private long lastMs;
    private boolean started;

    /** Unlimited until a join rate is set. */
    public JoinRateLimiter() {
    }

    /**
     * Applies a join rate; empty is +∞. A changed rate starts with a full bucket; repeating the current rate (every
     * Parameter Update may carry it) leaves the bucket alone, or frequent updates would lift the cap.
     */
    public void setRate(OptionalLong bytesPerSecond, long now) {
        if (bytesPerSecond.isPresent() && bytesPerSecond.getAsLong() < 0) {
            throw new IllegalArgumentException("join rate is a uint");
        }
        if (started && bytesPerSecond.equals(rate)) {
            return;
        }
        rate = bytesPerSecond;
        level = capacity();
        lastMs = now;
        started = true;
    }

    public OptionalLong rate() {
        return rate;
    }

    /** Whether the join rate is 0, so all join traffic is dropped whatever its size. */
    public boolean dropsAll() {
        return rate.isPresent() && rate.getAsLong() == 0;
    }

    /** Whether {@code bytes} may be forwarded at {@code now}; if so they are charged. */
    public boolean tryAcquire(long now, int bytes) {
        if (rate.isEmpty()) {
            return true;
        }
        if (dropsAll()) {
            return false;
        }
        if (!started) {
            level = capacity();
            lastMs = now;
            started = true;
        }
        long elapsed = Math.max(0, now - lastMs);
        lastMs = Math.max(lastMs, now);
        level = Math.min(capacity(), level + rate.getAsLong() * (elapsed / 1000.0));
        if (level <= 0) {
            return false;
        }
        level -= bytes;
        return true;
    }

    private double capacity() {
        return rate.isPresent() ? rate.getAsLong() * WINDOW_S : 0;
    }

    @Override
    public String toString() {
        return "JoinRateLimiter[" + (rate.isPresent() ? rate.getAsLong() + " B/s" : "unlimited") + "]";
    }
}
