package io.sixjoin.emulator.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventKernelTest {

    private static final EventKind TICK = EventKind.named("tick");

    @Test
    void firesByTimeThenByInsertionOrder() {
        EventKernel k = new EventKernel();
        List<String> order = new ArrayList<>();
        k.scheduleAtAsn(2, TICK, 0, e -> order.add("c"));
        k.scheduleAtAsn(1, 500, TICK, 1, 0, e -> order.add("b1"));
        k.scheduleAtAsn(1, TICK, 2, e -> order.add("a"));
        k.scheduleAtAsn(1, 500, TICK, 3, 0, e -> order.add("b2"));
        k.scheduleAtAsn(1, 500, TICK, 4, 0, e -> order.add("b3"));
        assertEquals(10_000, k.nextDeadline());
        k.runUntilAsn(10);
        assertEquals(List.of("a", "b1", "b2", "b3", "c"), order);
        assertEquals(10, k.clock().asn(), "the clock is left at the limit");
        assertEquals(5, k.delivered());
        assertEquals(Long.MAX_VALUE, k.nextDeadline());
    }

    @Test
    void handlersSeeTheirTimeAndMayScheduleMore() {
        EventKernel k = new EventKernel();
        List<Long> seen = new ArrayList<>();
        EventHandler[] h = new EventHandler[1];
        h[0] = e -> {
            seen.add(k.clock().nowMicros());
            if (seen.size() < 5) {
                k.scheduleAfter(10_000, TICK, 0, 0, h[0]);
            }
        };
        k.scheduleAtAsn(0, TICK, 0, h[0]);
        k.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(List.of(0L, 10_000L, 20_000L, 30_000L, 40_000L), seen);
        assertEquals(40_000, k.clock().nowMicros(), "an unbounded run leaves time at the last event");
    }

    @Test
    void cancelRemovesOnlyPendingEvents() {
        EventKernel k = new EventKernel();
        List<Integer> fired = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int id = i;
            events.add(k.scheduleAtAsn(100 - i, TICK, i, e -> fired.add(id)));
        }
        for (int i = 0; i < 100; i += 3) {
            assertTrue(k.cancel(events.get(i)));
            assertFalse(events.get(i).isPending());
            assertFalse(k.cancel(events.get(i)), "cancelling twice is a no-op");
        }
        assertEquals(66, k.pending());
        k.runUntilAsn(1_000);
        assertEquals(66, fired.size());
        for (int i = 1; i < fired.size(); i++) {
            assertTrue(fired.get(i - 1) > fired.get(i), "later-scheduled ids had earlier ASNs");
        }
        assertFalse(fired.contains(0) || fired.contains(99));
        assertFalse(k.cancel(events.get(1)), "a delivered event cannot be cancelled");
    }

    @Test
    void aHandlerCanCancelAnEventDueAtTheSameInstant() {
        EventKernel k = new EventKernel();
        List<String> fired = new ArrayList<>();
        Event[] victim = new Event[1];
        k.scheduleAtAsn(1, TICK, 0, e -> {
            fired.add("first");
            k.cancel(victim[0]);
        });
        victim[0] = k.scheduleAtAsn(1, TICK, 1, e -> fired.add("victim"));
        k.runUntilAsn(2);
        assertEquals(List.of("first"), fired);
    }

    @Test
    void randomScheduleAndCancelMatchASortedReference() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 20; round++) {
            EventKernel k = new EventKernel();
            List<Event> live = new ArrayList<>();
            List<long[]> fired = new ArrayList<>();
            TreeSet<long[]> expected = new TreeSet<>(
                    (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            for (int i = 0; i < 3_000; i++) {
                if (!live.isEmpty() && rnd.nextInt(4) == 0) {
                    Event victim = live.remove(rnd.nextInt(live.size()));
                    assertTrue(k.cancel(victim));
                    expected.remove(new long[]{victim.time(), victim.sequence()});
                } else {
                    long t = rnd.nextLong(1_000) * (rnd.nextBoolean() ? 1 : 10_000);
                    Event e = k.scheduleAt(t, TICK, i, 0, ev -> fired.add(new long[]{ev.time(), ev.sequence()}));
                    live.add(e);
                    expected.add(new long[]{t, e.sequence()});
                }
            }
            k.runUntil(() -> false, Long.MAX_VALUE);
            assertEquals(expected.size(), fired.size());
            int i = 0;
            for (long[] x : expected) {
                assertArrayEquals(x, fired.get(i++));
            }
        }
    }

    @Test
    void runStopsOnConditionOrStopRequestAndRefusesThePast() {
        EventKernel k = new EventKernel();
        int[] count = new int[1];
        for (int i = 0; i < 10; i++) {
            k.scheduleAtAsn(i, TICK, 0, e -> {
                if (++count[0] == 7) {
                    k.stop();
                }
            });
        }
        assertEquals(3, k.runUntil(() -> count[0] >= 3, Long.MAX_VALUE));
        assertEquals(4, k.runUntil(() -> false, Long.MAX_VALUE));
        assertEquals(6, k.clock().asn());
        assertThrows(IllegalArgumentException.class, () -> k.scheduleAtAsn(5, TICK, 0, e -> { }));
        assertThrows(IllegalArgumentException.class, () -> k.scheduleAfter(-1, TICK, 0, 0, e -> { }));
        assertTrue(k.step());
        assertEquals(7, k.clock().asn());
    }

    @Test
    void sameSeedSameTraceDifferentSeedDifferentTrace() {
        String a = gossip(42, 200);
        assertEquals(a, gossip(42, 200));
        assertNotEquals(a, gossip(43, 200));
        assertEquals(64, a.length());
    }

    @Test
    void addingAMoteLeavesOtherMotesStreamsAlone() {
        SeededRandom seeds = new SeededRandom(7);
        long before = seeds.forMote(3, "backoff").nextLong();
        seeds.forMote(1_000, "backoff").nextLong();
        assertEquals(before, new SeededRandom(7).forMote(3, "backoff").nextLong());
    }

    /** Motes wake at random sub-slot offsets and reschedule themselves; returns the trace hash. */
    static String gossip(long seed, int motes) {
        SeededRandom seeds = new SeededRandom(seed);
        EventKernel k = new EventKernel();
        for (int m = 0; m < motes; m++) {
            SplittableRandom r = seeds.forMote(m);
            int mote = m;
            EventHandler[] h = new EventHandler[1];
            h[0] = e -> k.scheduleAfter(1 + r.nextInt(50_000), TICK, mote, r.nextLong(), h[0]);
            k.scheduleAfter(r.nextInt(10_000), TICK, mote, 0, h[0]);
        }
        k.runUntilAsn(500);
        return k.trace().hexHash();
    }
}
