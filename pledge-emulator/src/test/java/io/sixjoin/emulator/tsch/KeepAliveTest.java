package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.medium.LinkModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keep-alives hold a quiet pledge's synchronisation; a silent time source ends it. */
class KeepAliveTest {

    private static TschFixture pair(long seed, TschConfig config) {
        TschFixture f = new TschFixture(seed, config, LinkModel.unitDisk(20), new double[] {0, 0}, new double[] {5, 0});
        assertTrue(f.awaitSync(1, 200_000));
        return f;
    }

    @Test
    void keepAlivesKeepAQuietPledgeSynchronised() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN).withScan(1, 0);
        TschFixture f = pair(31, config);
        long hours = 360_000;
        MacStats before = f.mac(1).stats();
        f.run(hours);
        MacStats pledge = f.mac(1).stats();
        assertEquals(0, pledge.desyncs(), pledge.toString());
        // the root's EBs resynchronise too, so keep-alives only fill the gaps between them
        assertTrue(pledge.txFrames() > 0 && pledge.txFrames() < hours / config.keepAlivePeriodSlots(),
                "keep-alives were sent, fewer than one per period: " + pledge);
        // only the cells in which the root itself sends an EB (half-duplex) lose a keep-alive
        assertEquals(pledge.txFrames(), pledge.txAcked() + pledge.txFailures());
        assertTrue(pledge.txFailures() <= 2 * config.ebProbability() * pledge.txFrames(), pledge.toString());
        assertEquals(0, pledge.drops());
        assertEquals(0, pledge.rxFrames(), "keep-alives are not passed to the upper layer");
        assertEquals(0, f.recorder.received.size());
        double duty = (double) (pledge.activeSlots() - before.activeSlots())
                / (pledge.elapsedSlots() - before.elapsedSlots());
        assertEquals(1.0 / config.slotframeLength(), duty, 1e-9,
                "a synchronised mote wakes in its shared cell only: " + duty);
    }

    @Test
    void aPledgeDesynchronisesWhenTheRootFallsSilentAndScansAgain() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN).withScan(1, 0);
        TschFixture f = pair(32, config);
        f.run(5_000);
        assertTrue(f.mac(1).isSynchronised());
        long silentFrom = f.asn();
        f.mac(0).powerOff();
        assertTrue(f.runUntil(() -> f.recorder.desyncAsn.containsKey(1), 10_000));
        long after = f.recorder.desyncAsn.get(1) - silentFrom;
        assertTrue(after <= config.desyncTimeoutSlots() + config.slotframeLength(), "desync after " + after);
        assertTrue(f.mac(1).isScanning());
        assertNull(f.mac(1).timeSource());
        assertEquals(-1, f.mac(1).asn());
        assertEquals(-1, f.mac(1).send(f.mac(0).address(), new byte[] {1}, Protection.NONE), "no sending while scanning");
        f.mac(0).powerOn();
        f.mac(0).advertise(0, null);
        assertTrue(f.runUntil(() -> f.mac(1).isSynchronised(), 200_000), "resynchronises once the root is back");
        assertEquals(2, f.mac(1).stats().syncs());
        assertFalse(f.mac(1).asnValidated());
    }

    @Test
    void queuedFramesFailWhenThePledgeDesynchronises() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN).withScan(1, 0);
        TschFixture f = pair(33, config);
        f.mac(0).powerOff();
        long h = f.mac(1).send(f.mac(0).address(), new byte[] {9}, Protection.NONE);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, h) != null, 10_000));
        assertFalse(f.recorder.doneOf(1, h).delivered());
    }
}
