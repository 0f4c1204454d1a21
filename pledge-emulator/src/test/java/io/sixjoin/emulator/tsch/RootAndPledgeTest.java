package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.medium.LinkModel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One root and one pledge 5 m apart: synchronisation, unsecured and secured data, wrong keys. */
class RootAndPledgeTest {

    private static final long BOUND = 200_000;
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    /** Single-neighbour networks need not wait MAX_EB_DELAY for a second EB sender in most tests. */
    private static TschFixture pair(long seed) {
        TschConfig config = TschConfig.defaults(TschFixture.PAN).withScan(1, 0);
        TschFixture f = new TschFixture(seed, config, LinkModel.unitDisk(20), new double[] {0, 0}, new double[] {5, 0});
        assertTrue(f.awaitSync(1, BOUND), "pledge synchronises");
        return f;
    }

    private static void keyPledge(TschFixture f, int index) {
        f.mac(1).keys().install(index, index == 1 ? TschFixture.K : TschFixture.key(0x22), KeyRing.Role.K1K2);
    }

    @Test
    void pledgeSynchronisesOnTheRootsEbAndLearnsItsAsn() {
        TschFixture f = pair(1);
        TschMac root = f.mac(0);
        TschMac pledge = f.mac(1);
        assertEquals(root.asn(), pledge.asn());
        assertEquals(root.address(), pledge.timeSource());
        assertEquals(0, pledge.timeSourceMote());
        assertEquals(0, f.asn() % 101, "synchronised in a shared cell");
        assertFalse(pledge.asnValidated(), "an unverified EB does not validate the ASN");
        f.run(101 * 50);
        assertEquals(root.asn(), pledge.asn());
        assertTrue(pledge.isSynchronised());
    }

    @Test
    void theRootAdvertisesFromAsnZero() {
        TschConfig always = TschConfig.defaults(TschFixture.PAN).withEbProbability(1.0);
        TschFixture f = new TschFixture(8, always, LinkModel.unitDisk(20), new double[] {0, 0}, new double[] {5, 0});
        f.run(1);
        assertEquals(1, f.mac(0).stats().txBeacons(), "an EB in the shared cell of ASN 0");
        assertEquals(1, f.medium.stats().framesSent());
        f.run(101);
        assertEquals(2, f.mac(0).stats().txBeacons(), "and one per slotframe at probability 1, nothing between");
    }

    @Test
    void unsecuredFrameFromThePledgeReachesTheRootWhenAdmitted() {
        TschFixture f = pair(2);
        long h = f.mac(1).send(f.mac(0).address(), HELLO, Protection.NONE);
        assertTrue(h > 0);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, h) != null, 101 * 40));
        assertTrue(f.recorder.doneOf(1, h).delivered());
        List<ReceivedFrame> rx = f.recorder.receivedBy(0);
        assertEquals(1, rx.size());
        assertArrayEquals(HELLO, rx.get(0).payload());
        assertEquals(RxSecurity.UNSECURED, rx.get(0).security());
        assertEquals(f.mac(1).address(), rx.get(0).source());
    }

    @Test
    void unsecuredDataIsRefusedAndCountedUnlessTheUpperLayerAdmitsIt() {
        TschFixture f = pair(3);
        f.recorder.admitUnsecured = false;
        long h = f.mac(1).send(f.mac(0).address(), HELLO, Protection.NONE);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, h) != null, 101 * 200));
        assertFalse(f.recorder.doneOf(1, h).delivered(), "never acknowledged");
        assertTrue(f.recorder.receivedBy(0).isEmpty());
        assertEquals(4, f.mac(0).stats().securityFailures(), "first attempt and 3 retries refused");
        assertEquals(3, f.mac(1).stats().retries());
        assertEquals(1, f.mac(1).stats().drops());
    }

    @Test
    void keyedMotesExchangeEncryptedDataBothWays() {
        TschFixture f = pair(4);
        keyPledge(f, 1);
        long up = f.mac(1).send(f.mac(0).address(), HELLO, Protection.ENCRYPTED);
        long down = f.mac(0).send(f.mac(1).address(), HELLO, Protection.ENCRYPTED);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, up) != null && f.recorder.doneOf(0, down) != null,
                101 * 100));
        assertTrue(f.recorder.doneOf(1, up).delivered());
        assertTrue(f.recorder.doneOf(0, down).delivered());
        for (int mote : new int[] {0, 1}) {
            ReceivedFrame rx = f.recorder.receivedBy(mote).get(0);
            assertEquals(RxSecurity.VERIFIED, rx.security());
            assertEquals(1, rx.keyIndex());
            assertArrayEquals(HELLO, rx.payload());
        }
        assertEquals(0, f.mac(0).stats().securityFailures() + f.mac(1).stats().securityFailures());
    }

    @Test
    void aMoteWithTheWrongKeyCannotTalk() {
        TschFixture f = pair(5);
        f.mac(1).keys().install(1, TschFixture.key(0x5a), KeyRing.Role.K1K2);
        long up = f.mac(1).send(f.mac(0).address(), HELLO, Protection.ENCRYPTED);
        long down = f.mac(0).send(f.mac(1).address(), HELLO, Protection.ENCRYPTED);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(1, up) != null && f.recorder.doneOf(0, down) != null,
                101 * 400));
        assertFalse(f.recorder.doneOf(1, up).delivered());
        assertFalse(f.recorder.doneOf(0, down).delivered());
        assertTrue(f.recorder.receivedBy(0).isEmpty());
        assertTrue(f.recorder.receivedBy(1).isEmpty());
        // attempts in a cell where the other side also sends are lost to half-duplex, not to the MIC
        assertTrue(f.mac(0).stats().securityFailures() > 0, "the pledge's frames fail the MIC at the root");
        assertTrue(f.mac(1).stats().securityFailures() > 0, "and the root's at the pledge");
        assertEquals(0, f.mac(0).stats().txAcked() + f.mac(1).stats().txAcked());
    }

    @Test
    void pledgeVerifiesTheJoinResponseFrameOnceKeyed() {
        TschFixture f = pair(6);
        long down = f.mac(0).send(f.mac(1).address(), HELLO, Protection.AUTHENTICATED);
        assertTrue(f.runUntil(() -> f.recorder.doneOf(0, down) != null, 101 * 100));
        ReceivedFrame rx = f.recorder.receivedBy(1).get(0);
        assertEquals(RxSecurity.UNVERIFIED, rx.security());
        assertArrayEquals(HELLO, rx.payload(), "MIC-32 leaves the payload readable");
        assertFalse(f.mac(1).verifyDeferred(rx), "no key yet");
        f.mac(1).keys().install(1, TschFixture.key(0x77), KeyRing.Role.K1K2);
        assertFalse(f.mac(1).verifyDeferred(rx), "a wrong key does not verify");
        f.mac(1).keys().install(1, TschFixture.K, KeyRing.Role.K1K2);
        assertTrue(f.mac(1).verifyDeferred(rx));
        assertTrue(f.mac(1).asnValidated());
    }

    @Test
    void protectedSendWithoutKeysAndOversizedPayloadsAreRefused() {
        TschFixture f = pair(7);
        assertEquals(-1, f.mac(1).send(f.mac(0).address(), HELLO, Protection.ENCRYPTED));
        byte[] max = new byte[TschMac.MAX_PAYLOAD];
        assertTrue(f.mac(0).send(f.mac(1).address(), max, Protection.AUTHENTICATED) > 0, "largest secured frame");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> f.mac(0).send(f.mac(1).address(), new byte[TschMac.MAX_PAYLOAD + 1], Protection.NONE));
        assertTrue(f.runUntil(() -> !f.recorder.receivedBy(1).isEmpty(), 101 * 100));
        assertNotNull(f.recorder.receivedBy(1).get(0));
    }
}
