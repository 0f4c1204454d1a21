package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.stack.ieee802154.security.LinkKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 9031 §8.4.3 rekeying between a root (6LBR) and a joined node (6LN). */
class RekeyTest {

    private static final LinkKey NEW_KEY = TschFixture.key(0x42);

    @Test
    void nodeSwitchesOnFirstFrameUnderTheNewKeyAndDropsTheOldAfterTheGuardTime() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN).withScan(1, 0).withRekeyGuard(1_500);
        TschFixture f = new TschFixture(41, config, LinkModel.unitDisk(20), new double[] {0, 0}, new double[] {5, 0});
        assertTrue(f.awaitSync(1, 200_000));
        TschMac root = f.mac(0);
        TschMac node = f.mac(1);
        node.keys().install(1, TschFixture.K, KeyRing.Role.K1K2);

        root.keys().install(2, NEW_KEY, KeyRing.Role.K1K2);
        node.keys().install(2, NEW_KEY, KeyRing.Role.K1K2);
        node.keys().switchOnFirstUse(2, 2);
        assertEquals(1, node.keys().sendK2(), "keeps the old key until the new one is seen in use");

        long up = node.send(root.address(), new byte[] {1}, Protection.ENCRYPTED);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, up) != null, 20_000));
        assertEquals(1, f.recorder.receivedBy(0).get(0).keyIndex(), "root accepts the old key");

        root.keys().sendWith(2, 2);
        long down = root.send(node.address(), new byte[] {2}, Protection.ENCRYPTED);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(0, down) != null, 20_000));
        assertEquals(2, f.recorder.receivedBy(1).get(0).keyIndex());
        assertEquals(1, f.recorder.keySwitches.size());
        assertArrayEquals(new int[] {1, 2, 2}, f.recorder.keySwitches.get(0));
        assertEquals(2, node.keys().sendK2());
        assertTrue(node.keys().has(1), "old key kept during the guard time");

        long up2 = node.send(root.address(), new byte[] {3}, Protection.ENCRYPTED);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, up2) != null, 20_000));
        List<ReceivedFrame> atRoot = f.recorder.receivedBy(0);
        assertEquals(2, atRoot.get(atRoot.size() - 1).keyIndex());

        f.run(config.rekeyGuardSlots() + 2L * config.slotframeLength());
        assertFalse(node.keys().has(1), "old key removed after the guard time");
        assertTrue(node.isSynchronised(), "EBs under K1 index 2 keep the node in step");
        assertEquals(0, node.stats().securityFailures() + root.stats().securityFailures());
    }

    @Test
    void framesUnderARemovedKeyAreDroppedAndCounted() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN).withScan(1, 0);
        TschFixture f = new TschFixture(42, config, LinkModel.unitDisk(20), new double[] {0, 0}, new double[] {5, 0});
        assertTrue(f.awaitSync(1, 200_000));
        TschMac root = f.mac(0);
        TschMac node = f.mac(1);
        node.keys().install(1, TschFixture.K, KeyRing.Role.K1K2);
        root.keys().install(2, NEW_KEY, KeyRing.Role.K1K2);
        root.keys().sendWith(2, 2);
        root.keys().remove(1);
        long up = node.send(root.address(), new byte[] {1}, Protection.ENCRYPTED);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, up) != null, 50_000));
        assertFalse(f.recorder.doneOf(1, up).delivered());
        assertTrue(root.stats().securityFailures() > 0);
        assertTrue(f.recorder.receivedBy(0).isEmpty());
    }
}
