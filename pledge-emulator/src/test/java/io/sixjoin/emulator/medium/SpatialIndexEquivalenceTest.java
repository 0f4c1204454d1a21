package io.sixjoin.emulator.medium;

import io.sixjoin.emulator.kernel.SeededRandom;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grid index must find exactly what an all-pairs scan finds: checked on the index alone, and on
 * whole slots of the medium against an O(N²) reference computed here.
 */
class SpatialIndexEquivalenceTest {

    @Test
    void gridQueryCoversEverythingWithinTheCellSize() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int layout = 0; layout < 50; layout++) {
            double range = 1 + rnd.nextDouble(30);
            double side = range * (1 + rnd.nextInt(20));
            int n = 1 + rnd.nextInt(400);
            double[][] p = new double[n][];
            SpatialGrid g = new SpatialGrid(range);
            for (int i = 0; i < n; i++) {
                p[i] = new double[]{(rnd.nextDouble() - 0.5) * side, (rnd.nextDouble() - 0.5) * side};
                g.add(i, p[i][0], p[i][1]);
            }
            for (int q = 0; q < 50; q++) {
                double x = (rnd.nextDouble() - 0.5) * side * 1.2;
                double y = (rnd.nextDouble() - 0.5) * side * 1.2;
                TreeSet<Integer> viaGrid = new TreeSet<>();
                g.forEachNear(x, y, id -> {
                    if (Math.hypot(p[id][0] - x, p[id][1] - y) < range) {
                        viaGrid.add(id);
                    }
                });
                TreeSet<Integer> brute = new TreeSet<>();
                for (int i = 0; i < n; i++) {
                    if (Math.hypot(p[i][0] - x, p[i][1] - y) < range) {
                        brute.add(i);
                    }
                }
                assertEquals(brute, viaGrid, "layout " + layout + " query " + q);
            }
        }
    }

    @Test
    void mediumOutcomesEqualAnAllPairsReference() {
        SplittableRandom rnd = new SplittableRandom(12);
        double range = 15;
        for (int layout = 0; layout < 30; layout++) {
            int n = 20 + rnd.nextInt(300);
            double side = range * (2 + rnd.nextInt(10));
            RadioMedium m = new RadioMedium(LinkModel.unitDisk(range), HoppingSequence.of(0, 1, 2),
                    new SeededRandom(layout));
            for (int i = 0; i < n; i++) {
                m.addMote(rnd.nextDouble() * side, rnd.nextDouble() * side);
            }
            for (long asn = 0; asn < 10; asn++) {
                int[] role = new int[n];      // 0 idle, 1 listen, 2 transmit
                int[] offset = new int[n];
                for (int i = 0; i < n; i++) {
                    role[i] = rnd.nextInt(10) < 2 ? 2 : rnd.nextInt(3) == 0 ? 0 : 1;
                    offset[i] = rnd.nextInt(3);
                    if (role[i] == 1) {
                        m.listen(i, offset[i], asn);
                    } else if (role[i] == 2) {
                        m.transmit(i, offset[i], new byte[]{(byte) i}, asn);
                    }
                }
                Recorder r = new Recorder();
                m.endSlot(asn, r);
                List<String> expected = new ArrayList<>();
                List<Integer> expectedCollisions = new ArrayList<>();
                for (int rcv = 0; rcv < n; rcv++) {
                    if (role[rcv] != 1) {
                        continue;
                    }
                    int heard = 0;
                    int from = -1;
                    for (int s = 0; s < n; s++) {
                        if (role[s] == 2 && offset[s] == offset[rcv] && s != rcv && m.distance(s, rcv) < range) {
                            heard++;
                            from = s;
                        }
                    }
                    if (heard == 1) {
                        expected.add(rcv + "<" + from);
                    } else if (heard > 1) {
                        expectedCollisions.add(rcv);
                    }
                }
                List<String> got = r.received.stream().map(x -> x.receiver() + "<" + x.sender()).toList();
                assertEquals(expected, got, "layout " + layout + " asn " + asn);
                assertEquals(expectedCollisions, r.collided, "layout " + layout + " asn " + asn);
            }
            assertTrue(m.stats().slots() == 10);
        }
    }
}
