package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.LinkModel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prints (does not assert) how many emulated seconds a 1,000-mote star with slotframe 101 runs per
 * wall-clock second: the root advertises, 999 pledges scan and synchronise. The first run warms the
 * JIT. Then two measured variants: the defaults (keep-alives every 10 s, desync after 23 s of silence),
 * under which the one shared cell drowns in keep-alives and no pledge stays synchronised; and
 * keep-alives off with a 101 s desync timeout, under which pledges live on the root's EBs alone.
 */
class FormationSpeedTest {

    private static final int MOTES = 1_000;

    @Test
    void printsEmulatedSecondsPerWallSecondForAThousandMoteStar() {
        run(60_000, false, true);
        run(120_000, true, true);
        run(120_000, true, false);
    }

    private static void run(long slots, boolean print, boolean keepAlives) {
        SplittableRandom placement = new SeededRandom(61).forPurpose("placement");
        double[][] pos = new double[MOTES][];
        pos[0] = new double[] {0, 0};
        for (int i = 1; i < MOTES; i++) {
            double r = 40 * Math.sqrt(placement.nextDouble());
            double a = 2 * Math.PI * placement.nextDouble();
            pos[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        TschFixture f = new TschFixture(61, (keepAlives ? TschConfig.defaults(TschFixture.PAN) : TschConfig.defaults(TschFixture.PAN).withKeepAlive(1000, 10_100)), LinkModel.greyZone(60, 90), pos);
        for (int i = 1; i < MOTES; i++) {
            f.mac(i).setKeepAlives(keepAlives);
        }
        long t0 = System.nanoTime();
        f.run(slots);
        double wall = (System.nanoTime() - t0) / 1e9;
        double emulated = slots / 100.0;
        MacStats total = f.net.totals();
        assertTrue(total.syncs() > 0);
        if (print) {
            long synced = java.util.stream.IntStream.range(1, MOTES).filter(i -> f.mac(i).isSynchronised()).count();
            System.out.printf("%d-mote star, slotframe 101, keep-alives %s: %.0f emulated s in %.2f wall s = %.0f× "
                    + "real time; %d kernel events; %d pledges synchronised at the end; %s%n", MOTES,
                    keepAlives ? "on" : "off", emulated, wall, emulated / wall, f.kernel.delivered(), synced, total);
        }
    }
}
