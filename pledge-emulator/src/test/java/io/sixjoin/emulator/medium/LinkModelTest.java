package io.sixjoin.emulator.medium;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkModelTest {

    @Test
    void greyZoneFallsLinearlyBetweenTheRanges() {
        LinkModel m = LinkModel.greyZone(20, 40);
        assertEquals(1.0, m.prr(0));
        assertEquals(1.0, m.prr(20));
        assertEquals(0.5, m.prr(30), 1e-12);
        assertEquals(0.25, m.prr(35), 1e-12);
        assertEquals(0.0, m.prr(40));
        assertEquals(0.0, m.prr(1e9));
        assertEquals(40, m.maxRange());
    }

    @Test
    void unitDiskBoundaryIsExclusive() {
        LinkModel m = LinkModel.unitDisk(10);
        assertEquals(1.0, m.prr(9.999));
        assertEquals(0.0, m.prr(10));
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinkModel.greyZone(0, 10));
        assertThrows(IllegalArgumentException.class, () -> LinkModel.greyZone(20, 10));
        assertThrows(IllegalArgumentException.class, () -> LinkModel.greyZone(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> LinkModel.greyZone(1, Double.POSITIVE_INFINITY));
    }
}
