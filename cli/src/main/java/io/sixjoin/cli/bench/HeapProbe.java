package io.sixjoin.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Used Java heap after repeated full collections: the live set, as close as the JVM will tell without an agent.
 * Differences of two such readings, divided by a count of objects, give bytes per object; the readings vary by a
 * few hundred kilobytes, so the count must be large (10⁵ pledges make that noise a few bytes each).
 */
final class HeapProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {
    }

    /** The lowest used-heap reading over several collect-and-wait rounds. */
    static long settledUsedHeap() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            best = Math.min(best, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    static long maxHeap() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }
}
