package io.sixjoin.emulator.kernel;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeededRandomTest {

    private static final long PINNED = -2522414234072539956L;

    @Test
    void streamsDependOnlyOnSeedPurposeAndIndex() {
        SeededRandom a = new SeededRandom(1234);
        SeededRandom b = new SeededRandom(1234);
        assertEquals(a.forMote(5, "rx").nextLong(), b.forMote(5, "rx").nextLong());
        assertEquals(a.forPurpose("topology").nextLong(), b.forPurpose("topology").nextLong());
        assertEquals(a.forMote(9).nextLong(), a.forMote(9).nextLong(), "asking twice gives a fresh, equal stream");
    }

    @Test
    void neighbouringSeedsIndicesAndPurposesGiveDistinctStreams() {
        Set<Long> firsts = new HashSet<>();
        String[] purposes = {"rx", "tx", "backoff", "mote", "r", "x"};
        for (long seed = 0; seed < 20; seed++) {
            SeededRandom s = new SeededRandom(seed);
            for (String p : purposes) {
                for (int i = 0; i < 50; i++) {
                    firsts.add(s.forMote(i, p).nextLong());
                }
                firsts.add(s.forPurpose(p).nextLong());
            }
        }
        assertEquals(20 * purposes.length * 51, firsts.size());
    }

    @Test
    void streamValuesArePinned() {
        // a change here changes every golden trace: accept it only deliberately
        SeededRandom s = new SeededRandom(0);
        long first = s.forMote(0, "rx").nextLong();
        assertEquals(first, new SeededRandom(0).forMote(0, "rx").nextLong());
        assertNotEquals(first, s.forMote(1, "rx").nextLong());
        assertNotEquals(first, s.forMote(0, "tx").nextLong());
        assertEquals(PINNED, first);
    }

    @Test
    void negativeIndicesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SeededRandom(1).forMote(-1));
    }
}
