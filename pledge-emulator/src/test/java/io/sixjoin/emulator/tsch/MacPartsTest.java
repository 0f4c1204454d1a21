package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ieee802154.security.LinkKey;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MAC's small mechanisms on their own: backoff, key ring, scanner ranking, verification sharing. */
class MacPartsTest {

    private static final TschConfig CONFIG = TschConfig.defaults(0xcafe);

    @Test
    void backoffWindowDoublesUpToMaxBeAndResets() {
        SharedCellBackoff b = new SharedCellBackoff(1, 5);
        assertTrue(b.mayTransmit(), "the first attempt does not wait");
        SplittableRandom r = new SplittableRandom(1);
        int[] expectedBe = {2, 3, 4, 5, 5, 5};
        for (int be : expectedBe) {
            int windowBefore = 1 << (b.exponent());
            b.onFailure(r);
            assertTrue(b.remaining() < windowBefore, "draw within [0, 2^BE - 1]");
            assertEquals(be, b.exponent());
            int skipped = 0;
            while (!b.mayTransmit()) {
                skipped++;
            }
            assertTrue(skipped < windowBefore);
        }
        b.reset();
        assertEquals(1, b.exponent());
        assertEquals(0, b.remaining());
    }

    @Test
    void transmitQueueRetriesThreeTimesThenDrops() {
        TransmitQueue q = new TransmitQueue(CONFIG);
        MacAddress peer = TschNetwork.defaultAddress(1);
        TransmitQueue.Outgoing o = new TransmitQueue.Outgoing(7, peer, new byte[] {1}, Protection.NONE, false);
        assertTrue(q.offer(o));
        SplittableRandom r = new SplittableRandom(2);
        for (int attempt = 0; attempt < 4; attempt++) {
            TransmitQueue.Outgoing next;
            do {
                next = q.nextToSend();
            } while (next == null);
            q.markSent(next);
            TransmitQueue.Outcome out = q.settle(r);
            assertEquals(attempt < 3 ? TransmitQueue.Result.RETRY : TransmitQueue.Result.DROPPED, out.result());
        }
        assertTrue(q.isEmpty());
        for (int i = 0; i < CONFIG.queueCapacity(); i++) {
            assertTrue(q.offer(new TransmitQueue.Outgoing(i, peer, new byte[0], Protection.NONE, false)));
        }
        assertFalse(q.offer(o), "bounded");
    }

    @Test
    void keyRingSwitchesOnFirstUseAndRemovesOldKeysAfterTheGuard() {
        KeyRing ring = new KeyRing(100);
        assertFalse(ring.isKeyed());
        ring.install(1, TschFixture.key(1), KeyRing.Role.K1K2);
        assertEquals(1, ring.sendK1());
        assertEquals(1, ring.sendK2());
        ring.install(2, TschFixture.key(2), KeyRing.Role.K1);
        ring.install(3, TschFixture.key(3), KeyRing.Role.K2);
        assertThrows(IllegalArgumentException.class, () -> ring.switchOnFirstUse(3, 2), "roles are checked");
        ring.switchOnFirstUse(2, 3);
        assertFalse(ring.onVerified(1, 10), "old key in use: no switch");
        assertTrue(ring.onVerified(3, 10));
        assertEquals(2, ring.sendK1());
        assertEquals(3, ring.sendK2());
        assertEquals(110, ring.nextDeadline());
        ring.poll(109);
        assertTrue(ring.has(1));
        ring.poll(110);
        assertFalse(ring.has(1));
        assertNull(ring.dataKey(2), "a K1-only key does not protect data");
        assertThrows(IllegalArgumentException.class, () -> ring.install(255, TschFixture.key(4), KeyRing.Role.K2));
        assertFalse(ring.toString().contains("0202"), "no key material in toString: " + ring);
    }

    @Test
    void scannerPrefersLowJoinMetricThenProxyPriorityThenLinkQualityAndSkipsNeverProxies() {
        EbScanner s = new EbScanner(CONFIG.withScan(3, 500));
        s.start(0, new SplittableRandom(3), new int[] {11, 12});
        s.offer(candidate(1, 2, 0, 1.0, 100));
        s.offer(candidate(2, 1, 5, 0.5, 110));
        assertFalse(s.ready(120));
        s.offer(candidate(3, 1, 5, 0.9, 130));
        assertTrue(s.ready(130), "three distinct senders");
        assertEquals(TschNetwork.defaultAddress(3), s.choose().source());
        s.offer(candidate(4, 0, JoinInfoIe.NEVER_PROXY, 1.0, 140));
        assertEquals(3, s.heard(), "a never-proxy sender is no candidate");

        EbScanner lonely = new EbScanner(CONFIG.withScan(2, 500));
        lonely.start(0, new SplittableRandom(3), new int[] {11});
        lonely.offer(candidate(1, 3, 0, 1.0, 1_000));
        lonely.offer(candidate(1, 3, 0, 1.0, 1_200));
        assertEquals(1, lonely.heard(), "the same sender twice counts once");
        assertFalse(lonely.ready(1_499));
        assertTrue(lonely.ready(1_500), "MAX_EB_DELAY counts from the first EB");
    }

    @Test
    void sharedVerificationNeverLetsAWrongKeyThrough() {
        VerificationCache cache = new VerificationCache();
        MacAddress root = TschNetwork.defaultAddress(0);
        KeyRing rootKeys = new KeyRing(0);
        rootKeys.install(1, TschFixture.K, KeyRing.Role.K1K2);
        Ieee802154Frame eb = EnhancedBeacon.builder(0xcafe, root).sequenceNumber(1).asn(505).build();
        Ieee802154Frame secured = new LinkSecurity(rootKeys, root, null).protectBeacon(eb, 505);

        LinkSecurity good = security(2, TschFixture.K, cache);
        LinkSecurity wrong = security(3, TschFixture.key(0x99), cache);
        LinkSecurity alsoGood = security(4, TschFixture.K, cache);
        assertNotNull(good.open(secured, 505));
        assertNull(wrong.open(secured, 505));
        assertNotNull(alsoGood.open(secured, 505));
        assertNull(good.open(secured, 506), "another ASN is another nonce");
        assertEquals(RxSecurity.VERIFIED, alsoGood.open(secured, 505).security());
        assertEquals(2, cache.hits());
        assertEquals(3, cache.misses());
        LinkSecurity.Opened unkeyed = new LinkSecurity(new KeyRing(0), TschNetwork.defaultAddress(5), cache)
                .open(secured, 0);
        assertSame(RxSecurity.UNVERIFIED, unkeyed.security(), "a pledge reads the EB without checking it");
    }

    private static LinkSecurity security(int mote, LinkKey key, VerificationCache cache) {
        KeyRing ring = new KeyRing(0);
        ring.install(1, key, KeyRing.Role.K1K2);
        return new LinkSecurity(ring, TschNetwork.defaultAddress(mote), cache);
    }

    private static EbScanner.Candidate candidate(int mote, int metric, int proxyPriority, double quality, long rxAsn) {
        JoinInfoIe join = new JoinInfoIe(false, proxyPriority, 0, 0, null, new byte[0]);
        EnhancedBeacon.Info info = new EnhancedBeacon.Info(rxAsn, metric, java.util.List.of(), join);
        return new EbScanner.Candidate(TschNetwork.defaultAddress(mote), mote, rxAsn, rxAsn, metric, proxyPriority,
                quality, info);
    }
}
