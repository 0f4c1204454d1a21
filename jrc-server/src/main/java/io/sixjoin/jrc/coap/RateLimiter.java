package io.sixjoin.jrc.coap;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets for join traffic: one per source address and one for everything, so a single misbehaving
 * sender is cut off without starving the others, and a flood from many (spoofed) sources is still capped.
 * The per-source table is bounded: when it is full, buckets idle for a full refill are forgotten (a forgotten
 * source starts again with a full bucket, which costs at most one burst). Time comes in as nanoseconds, so
 * tests and the emulator can drive it.
 */
public final class RateLimiter {
    private static final long NANOS = 1_000_000_000L;

    /** Limits; a rate of 0 or less disables that limit. */
    public record Limits(double perSourcePerSecond, double perSourceBurst, double globalPerSecond,
            double globalBurst, int maxSources) {
        public static final Limits DEFAULT = new Limits(20, 40, 5000, 10000, 100_000);
        public static final Limits NONE = new Limits(0, 0, 0, 0, 1);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized boolean take(double rate, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - updated) * rate / NANOS);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean idleSince(long cutoff) {
            return updated < cutoff;
        }
    }

    private final Limits limits;
    private final Bucket global;
    private final ConcurrentHashMap<InetAddress, Bucket> perSource = new ConcurrentHashMap<>();
    /**
     * When the full table was last swept. A sweep walks the whole table, so a flood of new (spoofed) sources
     * must not trigger one per request; between sweeps a new source is simply refused.
     */
    private final AtomicLong lastSweep;

    public RateLimiter(Limits limits, long now) {
        this.limits = limits;
        this.global = new Bucket(limits.globalBurst(), now);
        this.lastSweep = new AtomicLong(now - sweepInterval());
    }

    /** Whether a request from {@code source} at time {@code now} (nanoseconds) may be processed. */
    public boolean tryAcquire(InetAddress source, long now) {
        if (limits.perSourcePerSecond() > 0) {
            if (perSource.size() >= limits.maxSources() && !perSource.containsKey(source)) {
                forgetIdle(now);
                if (perSource.size() >= limits.maxSources()) {
                    return false;
                }
            }
            Bucket b = perSource.computeIfAbsent(source, s -> new Bucket(limits.perSourceBurst(), now));
            if (!b.take(limits.perSourcePerSecond(), limits.perSourceBurst(), now)) {
                return false;
            }
        }
        return limits.globalPerSecond() <= 0 || global.take(limits.globalPerSecond(), limits.globalBurst(), now);
    }

    private void forgetIdle(long now) {
        long last = lastSweep.get();
        if (now - last < sweepInterval() || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        long cutoff = now - refillNanos();
        perSource.values().removeIf(b -> b.idleSince(cutoff));
    }

    private long refillNanos() {
        return limits.perSourcePerSecond() <= 0 ? 0
                : (long) (limits.perSourceBurst() / limits.perSourcePerSecond() * NANOS);
    }

    /** A tenth of a refill: idle buckets are found at most that late; the table is walked at most 10 times a refill. */
    private long sweepInterval() {
        return refillNanos() / 10;
    }

    public int trackedSources() {
        return perSource.size();
    }
}
