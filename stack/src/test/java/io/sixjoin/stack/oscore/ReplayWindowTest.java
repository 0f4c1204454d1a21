package io.sixjoin.stack.oscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8613 §7.4 with the RFC 6347 §4.1.2.6 window of 32: edges, jumps, and a model-based property. */
class ReplayWindowTest {
    private static final int CASES = Integer.getInteger("sixjoin.fuzz.cases", 100_000);

    private static ReplayWindow acceptAll(long... seqs) {
        ReplayWindow w = ReplayWindow.EMPTY;
        for (long s : seqs) {
            w = w.accept(s);
        }
        return w;
    }

    @Test
    void emptyWindowTakesZeroAndAnyNonNegativeNumber() {
        assertTrue(ReplayWindow.EMPTY.isFresh(0));
        assertTrue(ReplayWindow.EMPTY.isFresh(1L << 40));
        assertEquals(new ReplayWindow(0, 1), ReplayWindow.EMPTY.accept(0));
    }

    @Test
    void duplicateIsRejectedAndAcceptingItThrows() {
        ReplayWindow w = acceptAll(0, 1, 2);
        for (long s : new long[] {0, 1, 2}) {
            assertFalse(w.isFresh(s), "seq " + s);
            ReplayWindow fixed = w;
            assertThrows(IllegalArgumentException.class, () -> fixed.accept(s));
        }
        assertTrue(w.isFresh(3));
    }

    @ParameterizedTest(name = "{0} behind the highest: fresh={1}")
    @CsvSource({"1, true", "30, true", "31, true", "32, false", "33, false", "1000, false"})
    void windowEdge(long behind, boolean fresh) {
        ReplayWindow w = acceptAll(1000);
        assertEquals(fresh, w.isFresh(1000 - behind));
        if (fresh) {
            // accepting the oldest admissible number must not disturb the highest
            ReplayWindow after = w.accept(1000 - behind);
            assertEquals(1000, after.highest());
            assertFalse(after.isFresh(1000 - behind));
        }
    }

    @Test
    void outOfOrderInsideTheWindowIsAcceptedOnce() {
        ReplayWindow w = acceptAll(10, 5, 9, 0);
        assertEquals(10, w.highest());
        for (long s = 0; s <= 10; s++) {
            boolean seen = s == 10 || s == 5 || s == 9 || s == 0;
            assertEquals(!seen, w.isFresh(s), "seq " + s);
        }
    }

    @Test
    void slidingKeepsTheSeenBitsThatStayInside() {
        // 0..31 all seen, then 40: numbers 9..31 stay marked, 8 and below fall out (and are too old)
        ReplayWindow w = ReplayWindow.EMPTY;
        for (int s = 0; s < 32; s++) {
            w = w.accept(s);
        }
        w = w.accept(40);
        for (long s = 9; s <= 31; s++) {
            assertFalse(w.isFresh(s), "seq " + s + " was seen and is still inside");
        }
        for (long s = 32; s <= 39; s++) {
            assertTrue(w.isFresh(s), "seq " + s + " never seen");
        }
        assertFalse(w.isFresh(8), "40 - 8 = 32: too old");
    }

    @ParameterizedTest(name = "jump by {0}")
    @CsvSource({"31", "32", "33", "63", "64", "65", "127", "4294967296"})
    void bigJumpsForgetEverythingOlder(long jump) {
        // Java masks long shifts to 6 bits: a jump of 64 must not behave like a jump of 0
        ReplayWindow w = acceptAll(0, 1, 2, 3);
        ReplayWindow after = w.accept(3 + jump);
        assertEquals(3 + jump, after.highest());
        assertFalse(after.isFresh(3 + jump));
        for (long back = 1; back < 32; back++) {
            long s = 3 + jump - back;
            boolean wasSeen = s >= 0 && s <= 3;
            assertEquals(!wasSeen, after.isFresh(s), "seq " + s);
        }
    }

    @Test
    void jumpToTheLargestNumberIsHandled() {
        ReplayWindow w = acceptAll(7).accept(Long.MAX_VALUE);
        assertFalse(w.isFresh(Long.MAX_VALUE));
        assertTrue(w.isFresh(Long.MAX_VALUE - 31));
        assertFalse(w.isFresh(7));
    }

    @Test
    void negativeNumbersAreNeverFresh() {
        assertFalse(ReplayWindow.EMPTY.isFresh(-1));
        assertFalse(acceptAll(5).isFresh(-1));
        assertFalse(ReplayWindow.EMPTY.isFresh(Long.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ReplayWindow.EMPTY.accept(-1));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(-2, 0));
    }

    @Test
    void bitmapIsTrimmedToTheWindow() {
        // a restored window must not carry bits for ages the window cannot represent
        assertEquals(0xffff_ffffL, new ReplayWindow(100, -1L).bitmap());
    }

    /**
     * Reference model: the set of accepted numbers and the highest, with the rule "fresh unless negative, already
     * accepted, or ≤ highest − 32". Only some fresh numbers are accepted, as a JRC commits only verified requests.
     */
    @Test
    void matchesASetBasedModel() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0001L);
        ReplayWindow w = ReplayWindow.EMPTY;
        Set<Long> accepted = new HashSet<>();
        long highest = -1;
        int acceptedCount = 0;
        int rejectedCount = 0;
        for (int step = 0; step < CASES; step++) {
            long base = Math.max(highest, 0);
            long seq = switch (rnd.nextInt(10)) {
                case 0 -> base + 1 + rnd.nextInt(80);               // forward, sometimes past the window
                case 1 -> base + rnd.nextLong(1L << 34);            // big jump
                case 2 -> -1 - rnd.nextInt(3);                      // negative
                case 3 -> base - 28 + rnd.nextInt(8);               // around the edge: 28..35 behind
                default -> base - 40 + rnd.nextInt(45);             // near the highest, both sides
            };
            boolean expected = seq >= 0 && !accepted.contains(seq) && seq > highest - ReplayWindow.SIZE;
            assertEquals(expected, w.isFresh(seq), () -> "step with seq " + seq);
            if (expected && rnd.nextInt(4) != 0) {
                w = w.accept(seq);
                accepted.add(seq);
                highest = Math.max(highest, seq);
                acceptedCount++;
                assertEquals(highest, w.highest());
            } else if (!expected) {
                rejectedCount++;
                ReplayWindow fixed = w;
                assertThrows(IllegalArgumentException.class, () -> fixed.accept(seq));
            }
            if (accepted.size() > 4096) {
                // numbers at or below highest - 32 are rejected by the rule anyway; keep the model small
                long floor = highest - ReplayWindow.SIZE;
                accepted.removeIf(s -> s <= floor);
            }
        }
        assertTrue(acceptedCount > CASES / 10 && rejectedCount > CASES / 10,
                "the generator must exercise both outcomes: " + acceptedCount + " / " + rejectedCount);
    }
}
