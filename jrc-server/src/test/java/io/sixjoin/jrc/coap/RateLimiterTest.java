package io.sixjoin.jrc.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.jrc.coap.RateLimiter.Limits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token buckets driven by a fake nanosecond clock, so refill arithmetic is checked exactly. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static InetAddress address(int n) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[12] = (byte) (n >>> 24);
        a[13] = (byte) (n >>> 16);
        a[14] = (byte) (n >>> 8);
        a[15] = (byte) n;
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static int admitted(RateLimiter l, InetAddress a, long now, int tries) {
        int ok = 0;
        for (int i = 0; i < tries; i++) {
            if (l.tryAcquire(a, now)) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void perSourceBurstThenRefillAtTheRate() {
        long t0 = 123 * SECOND; // not zero, so a refill computed from 0 would show
        RateLimiter l = new RateLimiter(new Limits(20, 40, 0, 0, 1000), t0);
        InetAddress a = address(1);
        assertEquals(40, admitted(l, a, t0, 100), "the burst");
        assertFalse(l.tryAcquire(a, t0 + 49 * MS), "49 ms refill 0.98 of a token");
        assertTrue(l.tryAcquire(a, t0 + 50 * MS), "50 ms at 20/s is one token");
        assertFalse(l.tryAcquire(a, t0 + 50 * MS));
        assertEquals(20, admitted(l, a, t0 + 1050 * MS, 100), "one more second, 20 more");
        assertEquals(40, admitted(l, a, t0 + 3600 * SECOND, 100), "a long pause refills only up to the burst");
    }

    @Test
    void oneSourceDoesNotStarveAnother() {
        RateLimiter l = new RateLimiter(new Limits(20, 40, 0, 0, 1000), 0);
        assertEquals(40, admitted(l, address(1), 0, 1000));
        assertEquals(40, admitted(l, address(2), 0, 1000));
    }

    @Test
    void globalCapHoldsAcrossSources() {
        RateLimiter l = new RateLimiter(new Limits(20, 40, 100, 200, 100_000), 0);
        int ok = 0;
        for (int s = 0; s < 1000; s++) {
            ok += admitted(l, address(s), 0, 5);
        }
        assertEquals(200, ok, "the global burst, though every source is within its own limit");
        ok = 0;
        for (int s = 1000; s < 2000; s++) {
            ok += admitted(l, address(s), SECOND, 1);
        }
        assertEquals(100, ok, "one second of the global rate");
    }

    @Test
    void globalCapAloneWorksWithoutPerSourceBuckets() {
        RateLimiter l = new RateLimiter(new Limits(0, 0, 10, 10, 1), 0);
        assertEquals(10, admitted(l, address(1), 0, 50));
        assertEquals(0, l.trackedSources(), "no per-source table when that limit is off");
    }

    @Test
    void noneNeverLimits() {
        RateLimiter l = new RateLimiter(Limits.NONE, 0);
        for (int s = 0; s < 1000; s++) {
            assertEquals(100, admitted(l, address(s), 0, 100));
        }
        assertEquals(0, l.trackedSources());
    }

    @Test
    void fullTableRefusesNewSourcesUntilOldOnesIdle() {
        // refill time is burst / rate = 2 s
        RateLimiter l = new RateLimiter(new Limits(20, 40, 0, 0, 3), 0);
        for (int s = 0; s < 3; s++) {
            assertTrue(l.tryAcquire(address(s), 0));
        }
        assertFalse(l.tryAcquire(address(9), SECOND), "table full, nobody idle for a refill");
        assertTrue(l.tryAcquire(address(0), SECOND), "known sources keep being served");
        assertTrue(l.tryAcquire(address(9), 3 * SECOND + 1), "sources 1 and 2 idle > 2 s are forgotten");
        assertTrue(l.trackedSources() <= 3);
    }

    /**
     * A spoofed-source flood: a million distinct addresses at 100,000 per second, with the default limits. The table
     * must stay within maxSources, and refusing a new source must not cost a scan of the whole table every time
     * (that would be 10^11 steps here: the flood would buy CPU on the JRC).
     */
    @Test
    void millionSpoofedSourcesStayBoundedAndCheap() {
        Limits limits = Limits.DEFAULT;
        RateLimiter l = new RateLimiter(limits, 0);
        int[] admitted = {0};
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int s = 0; s < 1_000_000; s++) {
                if (l.tryAcquire(address(s), s * 10_000L)) { // 10 µs apart
                    admitted[0]++;
                }
                if ((s & 0xffff) == 0) {
                    assertTrue(l.trackedSources() <= limits.maxSources(), "at " + s + ": " + l.trackedSources());
                }
            }
        });
        assertTrue(l.trackedSources() <= limits.maxSources(), "tracked " + l.trackedSources());
        // the global bucket (5000/s, burst 10000) allows about 10000 + 10 s * 5000 over the 10 s of the flood
        assertTrue(admitted[0] <= 10_000 + 10 * 5000 + 1, "admitted " + admitted[0]);
        System.out.println("RateLimiter: 1,000,000 sources in " + (System.nanoTime() - start) / 1_000_000
                + " ms, admitted " + admitted[0] + ", tracking " + l.trackedSources());
    }
}
