package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Root, A, B, C on a line 10 m apart with a 12 m radio range: each mote hears only its neighbours, so
 * B can synchronise only once A advertises, and C only once B does. The upper layer is played by the
 * test: on synchronisation a mote gets the network key and advertises with its parent's join metric
 * plus one, as a joined node with a route would.
 */
class ChainTest {

    @Test
    void motesFurtherOutSynchroniseThroughTheMiddleOnesOnceThoseAdvertise() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN);
        TschFixture f = new TschFixture(51, config, LinkModel.unitDisk(12), new double[] {0, 0},
                new double[] {10, 0}, new double[] {20, 0}, new double[] {30, 0});
        f.recorder.onSync = (mac, eb) -> {
            mac.keys().install(1, TschFixture.K, KeyRing.Role.K1K2);
            mac.advertise(eb.joinMetric() + 1, new JoinInfoIe(false, 0, 0, 0, null, new byte[] {(byte) 0xca}));
        };
        long perHop = StarFormationTest.expectedBoundSlots(config, 1, 16);
        assertTrue(f.runUntil(() -> f.recorder.firstSyncAsn.size() == 3, 3 * perHop),
                "synchronised: " + f.recorder.firstSyncAsn.keySet());
        for (int i = 1; i <= 3; i++) {
            assertEquals(i - 1, f.recorder.firstTimeSource.get(i), "mote " + i + " follows its inner neighbour");
        }
        long a = f.recorder.firstSyncAsn.get(1);
        long b = f.recorder.firstSyncAsn.get(2);
        long c = f.recorder.firstSyncAsn.get(3);
        assertTrue(a < b && b < c, "ripples outward: " + a + " < " + b + " < " + c);
        System.out.printf("chain: hop 1 at %.0f s, hop 2 at %.0f s, hop 3 at %.0f s (bound per hop %.0f s)%n",
                a / 100.0, b / 100.0, c / 100.0, perHop / 100.0);
        f.run(50_000);
        MacStats total = f.net.totals();
        System.out.println("chain totals after 500 s more: " + total);
        assertEquals(0, total.securityFailures(), "every mote holds the network key: " + total);
        for (int i = 1; i <= 3; i++) {
            // the single shared cell is busy in the middle of a chain: a mote may lose its time source for a
            // while and resynchronise; whenever it is synchronised it must be on the root's ASN
            if (f.mac(i).isSynchronised()) {
                assertEquals(f.mac(0).asn(), f.mac(i).asn(), "mote " + i);
            }
        }
    }
}
