package io.sixjoin.emulator.tsch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A root and 20 pledges in one collision domain with the default (RFC 8180 / OpenWSN) parameters. */
class StarFormationTest {

    private static final int PLEDGES = 20;

    /**
     * The slots within which all pledges should have synchronised, from the EB policy: the root sends an
     * EB in a shared cell with probability p, and a scanning pledge's channel is the cell's channel in
     * one slotframe of C on average, so each slotframe brings a pledge its first EB with probability
     * about p/C. All N pledges have heard one after k slotframes except with probability
     * N(1 - p/C)^k; we take that at 1e-3. Alone with the root, a pledge then waits MAX_EB_DELAY for a
     * second EB sender that never comes, and synchronises in the next shared cell. Keep-alives of
     * synchronised pledges collide with some EBs, so the assertion allows twice the computed bound.
     */
    static long expectedBoundSlots(TschConfig c, int pledges, int channels) {
        double perSlotframe = c.ebProbability() / channels;
        double k = Math.log(1e-3 / pledges) / Math.log(1 - perSlotframe);
        return (long) Math.ceil(k) * c.slotframeLength() + c.maxEbDelaySlots() + c.slotframeLength();
    }

    @Test
    void allPledgesSynchroniseWithinTheBoundTheEbPolicyImplies() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN);
        TschFixture f = TschFixture.star(11, config, PLEDGES, 10);
        long bound = expectedBoundSlots(config, PLEDGES, 16);
        boolean all = f.runUntil(() -> f.recorder.firstSyncAsn.size() == PLEDGES, 2 * bound);
        long last = f.recorder.firstSyncAsn.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        long first = f.recorder.firstSyncAsn.values().stream().mapToLong(Long::longValue).min().orElse(-1);
        System.out.printf("star of %d: computed bound %d slots (%.0f s); first sync at %d, last at %d (%.0f s)%n",
                PLEDGES, bound, bound / 100.0, first, last, last / 100.0);
        assertTrue(all, "only " + f.recorder.firstSyncAsn.size() + " of " + PLEDGES + " synchronised");
        assertTrue(first >= config.maxEbDelaySlots(), "a lone EB sender makes every pledge wait MAX_EB_DELAY");
        for (int i = 1; i <= PLEDGES; i++) {
            assertEquals(0, f.recorder.firstTimeSource.get(i));
            assertEquals(0, f.recorder.firstSyncAsn.get(i) % config.slotframeLength());
        }
        MacStats total = f.net.totals();
        System.out.println("star totals: " + total);
        assertTrue(total.rxBeacons() >= PLEDGES);
        assertEquals(0, total.securityFailures());
    }

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() {
        TschConfig config = TschConfig.defaults(TschFixture.PAN).withScan(2, 3_000);
        String a = runAndHash(21, config);
        String b = runAndHash(21, config);
        String c = runAndHash(22, config);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    private static String runAndHash(long seed, TschConfig config) {
        TschFixture f = TschFixture.star(seed, config, 10, 10);
        f.recorder.onSync = (mac, eb) -> mac.send(f.mac(0).address(), new byte[] {1, 2, 3}, Protection.NONE);
        f.run(60_000);
        assertTrue(f.net.totals().syncs() > 0, "something happened worth hashing");
        return f.kernel.trace().hexHash() + " " + f.net.totals();
    }
}
