package io.sixjoin.stack.cojp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.stack.oscore.OscoreNonce;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 8613 App. B.1.1 with emulated power failures at arbitrary moments. */
class JumpAheadSequenceTest {

    @Test
    void countsFromZeroAndWritesOnlyEveryK() {
        JumpAheadSequence.InMemoryStore flash = new JumpAheadSequence.InMemoryStore();
        JumpAheadSequence s = new JumpAheadSequence(flash, 16, 1);
        for (long i = 0; i < 100; i++) {
            assertEquals(i, s.peek());
            assertEquals(i, s.next());
        }
        assertEquals(1 + 6, flash.writes(), "the boot write, then before 16, 32, 48, 64, 80, 96");
        assertEquals(96, flash.load().getAsLong());
    }

    @Test
    void rebootResumesAtStoredPlusKPlusF() {
        JumpAheadSequence.InMemoryStore flash = new JumpAheadSequence.InMemoryStore();
        JumpAheadSequence s = new JumpAheadSequence(flash, 16, 1);
        for (int i = 0; i < 20; i++) {
            s.next(); // 0..19 used; 16 stored
        }
        assertEquals(16 + 16 + 1, new JumpAheadSequence(flash, 16, 1).next());
    }

    @Test
    void twoRebootsInARowStillNeverReuse() {
        JumpAheadSequence.InMemoryStore flash = new JumpAheadSequence.InMemoryStore();
        long a = new JumpAheadSequence(flash, 16, 1).next();
        long b = new JumpAheadSequence(flash, 16, 1).next(); // rebooted before the next periodic write
        long c = new JumpAheadSequence(flash, 16, 1).next();
        assertTrue(a < b && b < c, a + ", " + b + ", " + c);
    }

    @Test
    void randomPowerFailuresNeverRepeatANumber() {
        SplittableRandom r = new SplittableRandom(77);
        for (int k : new int[] {1, 2, 7, 16, 100}) {
            JumpAheadSequence.InMemoryStore flash = new JumpAheadSequence.InMemoryStore();
            Set<Long> used = new HashSet<>();
            long max = -1;
            for (int boot = 0; boot < 300; boot++) {
                JumpAheadSequence s = new JumpAheadSequence(flash, k, r.nextInt(3));
                int n = r.nextInt(3 * k + 2);
                for (int i = 0; i < n; i++) {
                    long seq = s.next();
                    assertTrue(seq > max, "K=" + k + ": " + seq + " not above " + max);
                    assertTrue(used.add(seq));
                    max = seq;
                }
            }
        }
    }

    @Test
    void refusesBadParametersAndStopsAtTheEndOfTheSequenceSpace() {
        JumpAheadSequence.InMemoryStore flash = new JumpAheadSequence.InMemoryStore();
        assertThrows(IllegalArgumentException.class, () -> new JumpAheadSequence(flash, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new JumpAheadSequence(flash, 1, -1));
        flash.save(OscoreNonce.MAX_SEQUENCE_NUMBER - 3);
        JumpAheadSequence s = new JumpAheadSequence(flash, 2, 0);
        assertEquals(OscoreNonce.MAX_SEQUENCE_NUMBER - 1, s.next());
        assertEquals(OscoreNonce.MAX_SEQUENCE_NUMBER, s.next());
        assertThrows(IllegalStateException.class, s::next);
        assertThrows(IllegalStateException.class, () -> new JumpAheadSequence(flash, 16, 1));
    }
}
