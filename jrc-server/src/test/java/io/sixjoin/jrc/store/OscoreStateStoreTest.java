package io.sixjoin.jrc.store;

import static io.sixjoin.jrc.store.StoreFixtures.id;
import static io.sixjoin.jrc.store.StoreFixtures.open;
import static io.sixjoin.jrc.store.StoreFixtures.pledge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OscoreStateStoreTest {
    @TempDir
    Path tmp;

    @Test
    void sequenceCeilingAndReplayWindowSurviveReopening() {
        try (JrcStore store = open(tmp)) {
            store.pledges().add(pledge(1));
            assertTrue(store.oscore().senderSequenceCeiling(id(1)).isEmpty());
            store.oscore().reserveSenderSequence(id(1), 64);
            store.oscore().reserveSenderSequence(id(1), 128);
            store.oscore().saveReplayWindow(id(1), 17, 0x8000_0000_0000_0001L);
        }
        try (JrcStore store = open(tmp)) {
            assertEquals(128, store.oscore().senderSequenceCeiling(id(1)).getAsLong());
            assertEquals(new ReplayWindowState(17, 0x8000_0000_0000_0001L),
                    store.oscore().loadReplayWindow(id(1)).orElseThrow());
        }
    }

    @Test
    void theCeilingNeverGoesDown() {
        try (JrcStore store = open(tmp)) {
            store.oscore().reserveSenderSequence(id(1), 1000);
            store.oscore().reserveSenderSequence(id(1), 1000);
            assertThrows(IllegalArgumentException.class, () -> store.oscore().reserveSenderSequence(id(1), 999));
            assertEquals(1000, store.oscore().senderSequenceCeiling(id(1)).getAsLong());
        }
    }

    @Test
    void ceilingsStayWithinOscoreSequenceNumbers() {
        try (JrcStore store = open(tmp)) {
            store.oscore().reserveSenderSequence(id(1), OscoreStateStore.MAX_SEQUENCE);
            assertThrows(IllegalArgumentException.class,
                    () -> store.oscore().reserveSenderSequence(id(2), OscoreStateStore.MAX_SEQUENCE + 1));
            assertThrows(IllegalArgumentException.class, () -> store.oscore().reserveSenderSequence(id(2), -1));
        }
    }

    @Test
    void replayWindowsNeedAProvisionedPledge() {
        try (JrcStore store = open(tmp)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> store.oscore().saveReplayWindow(id(9), 1, 1));
            assertEquals(StoreException.Kind.NOT_FOUND, e.kind());
        }
    }

    @Test
    void everyReplayWindowUpdateIsStored() {
        try (JrcStore store = open(tmp)) {
            store.pledges().add(pledge(1));
            for (long seq = 0; seq < 50; seq++) {
                store.oscore().saveReplayWindow(id(1), seq, seq * 3);
                assertEquals(new ReplayWindowState(seq, seq * 3), store.oscore().loadReplayWindow(id(1)).orElseThrow());
            }
        }
    }
}
