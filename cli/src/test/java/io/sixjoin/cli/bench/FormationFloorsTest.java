package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The floors against the table of performance-floors.md §4.2, which rounds to the shown digits. */
class FormationFloorsTest {
    @Test
    void m1IsTwoFramesPerPledgeOneCellPerSlotframeOfTenMillisecondSlots() {
        assertEquals(202.0, new FormationFloors(100, 101).m1Seconds(), 1e-9);
        assertEquals(20.2, new FormationFloors(10, 101).m1Seconds(), 1e-9);
        assertEquals(2_020.0, new FormationFloors(1_000, 101).m1Seconds(), 1e-9);
        assertEquals(14.0, new FormationFloors(100, 7).m1Seconds(), 1e-9);
        assertEquals(140.0, new FormationFloors(1_000, 7).m1Seconds(), 1e-9);
        assertEquals(20_200.0, new FormationFloors(10_000, 101).m1Seconds(), 1e-9);
    }

    @Test
    void m3IsEulersNumberTimesM1AsInTheTable() {
        assertEquals(549.1, new FormationFloors(100, 101).m3Seconds(), 0.05);
        assertEquals(54.9, new FormationFloors(10, 101).m3Seconds(), 0.05);
        assertEquals(5_491, new FormationFloors(1_000, 101).m3Seconds(), 0.5);
        assertEquals(38.1, new FormationFloors(100, 7).m3Seconds(), 0.05);
        assertEquals(381, new FormationFloors(1_000, 7).m3Seconds(), 0.5);
        assertEquals(Math.E * 202.0, new FormationFloors(100, 101).m3Seconds(), 1e-9);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FormationFloors(0, 101));
        assertThrows(IllegalArgumentException.class, () -> new FormationFloors(100, 0));
    }
}
