package io.sixjoin.emulator.medium;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HoppingSequenceTest {

    @Test
    void openWsnTemplateMapsToChannels11To26() {
        HoppingSequence h = HoppingSequence.openWsn();
        int[] expected = {16, 17, 23, 18, 26, 15, 25, 22, 19, 11, 12, 13, 24, 14, 20, 21};
        int[] got = new int[16];
        for (int asn = 0; asn < 16; asn++) {
            got[asn] = h.channel(asn, 0);
        }
        assertArrayEquals(expected, got);
        assertEquals(16, h.channel(16, 0), "the pattern repeats every 16 slots");
    }

    @Test
    void channelOffsetShiftsThePatternAndEveryCellVisitsAllChannels() {
        HoppingSequence h = HoppingSequence.openWsn();
        assertEquals(h.channel(5, 3), h.channel(8, 0));
        // a 101-slot slotframe is coprime with 16: the minimal cell walks all 16 channels
        Set<Integer> seen = new HashSet<>();
        for (long sf = 0; sf < 16; sf++) {
            seen.add(h.channel(sf * 101, 0));
        }
        assertEquals(16, seen.size());
        assertEquals(h.channel(1L << 40, 0), h.channel(0, 0), "2^40 is a multiple of 16");
        assertEquals(h.channel(0, -1), h.channel(15, 0));
    }

    @Test
    void customTemplatesAreChecked() {
        assertEquals(26, HoppingSequence.fixed(26).channel(12345, 7));
        assertEquals(2, HoppingSequence.of(0, 15).length());
        assertThrows(IllegalArgumentException.class, () -> HoppingSequence.of());
        assertThrows(IllegalArgumentException.class, () -> HoppingSequence.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> HoppingSequence.of(16));
        assertThrows(IllegalArgumentException.class, () -> HoppingSequence.fixed(10));
    }
}
