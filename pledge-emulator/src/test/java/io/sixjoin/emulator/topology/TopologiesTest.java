package io.sixjoin.emulator.topology;

import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.HoppingSequence;
import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.medium.RadioMedium;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologiesTest {

    private static final double REACH = 20;

    @Test
    void starPutsEveryMoteOneHopFromTheCentralRoot() {
        for (int n : new int[]{1, 2, 10, 1_000}) {
            Topology t = Topologies.star(n, REACH);
            assertEquals(n, t.size());
            MoteSpec root = t.root();
            assertEquals(0, root.id());
            assertEquals(0, root.x());
            assertEquals(0, root.y());
            assertTrue(t.motes().stream().allMatch(m -> m.distanceTo(root) < REACH));
            assertTrue(t.isConnected(REACH));
        }
    }

    @Test
    void linearIsAChainOfSingleHops() {
        Topology t = Topologies.linear(50, REACH);
        List<MoteSpec> m = t.motes();
        for (int i = 0; i < 50; i++) {
            for (int j = i + 1; j < 50; j++) {
                assertEquals(j == i + 1, m.get(i).distanceTo(m.get(j)) < REACH, i + "-" + j);
            }
        }
        assertTrue(t.motes().get(0).root());
        assertTrue(t.isConnected(REACH));
    }

    @Test
    void gridMotesHearTheirFourNeighboursOnly() {
        Topology t = Topologies.grid(100, REACH);
        List<MoteSpec> m = t.motes();
        int[] degree = new int[100];
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 100; j++) {
                if (i != j && m.get(i).distanceTo(m.get(j)) < REACH) {
                    degree[i]++;
                }
            }
        }
        assertEquals(2, degree[0], "corner");
        assertEquals(3, degree[5], "edge");
        assertEquals(4, degree[55], "interior");
        assertTrue(t.isConnected(REACH));
        Topology partial = Topologies.grid(10, REACH);
        assertEquals(10, partial.size(), "4 columns, last row partial");
        assertTrue(partial.isConnected(REACH));
    }

    @Test
    void randomIsConnectedAndReproducibleFromTheSeed() {
        for (int n : new int[]{1, 2, 5, 100, 2_000}) {
            Topology a = Topologies.random(n, REACH, new SeededRandom(3).forPurpose("topology"));
            assertEquals(n, a.size());
            assertTrue(a.isConnected(REACH), n + " motes");
            double half = Topologies.sideFor(n, REACH) / 2;
            assertTrue(a.motes().stream().allMatch(m -> Math.abs(m.x()) <= half && Math.abs(m.y()) <= half));
            assertEquals(a, Topologies.random(n, REACH, new SeededRandom(3).forPurpose("topology")));
        }
        assertNotEquals(Topologies.random(50, REACH, new SplittableRandom(1)),
                Topologies.random(50, REACH, new SplittableRandom(2)));
    }

    @Test
    void connectivityHonoursPinnedLinks() {
        List<MoteSpec> far = List.of(new MoteSpec(0, 0, 0, true), new MoteSpec(7, 500, 0, false));
        assertFalse(Topology.of(far).isConnected(REACH));
        assertTrue(new Topology(far, List.of(new LinkSpec(7, 0, 0.5)), List.of()).isConnected(REACH));
        List<MoteSpec> near = List.of(new MoteSpec(0, 0, 0, true), new MoteSpec(7, 5, 0, false));
        assertFalse(new Topology(near, List.of(new LinkSpec(0, 7, 0)), List.of()).isConnected(REACH));
    }

    @Test
    void installPlacesMotesAndPinsLinksInTheMedium() {
        Topology t = new Topology(List.of(new MoteSpec(10, 0, 0, true), new MoteSpec(20, 500, 0, false)),
                List.of(new LinkSpec(10, 20, 0.7)), List.of());
        RadioMedium m = new RadioMedium(LinkModel.unitDisk(REACH), HoppingSequence.openWsn(), new SeededRandom(0));
        var index = t.install(m);
        assertEquals(2, m.moteCount());
        assertEquals(1, index.get(20));
        assertEquals(0.7, m.linkPrr(0, 1));
        assertThrows(IllegalStateException.class, () -> t.install(m));
    }

    @Test
    void resolveKnowsTheGeneratorNames() throws TopologyFileException {
        SeededRandom seeds = new SeededRandom(1);
        assertEquals(Topologies.star(9, REACH), Topologies.resolve("star", 9, REACH, seeds));
        assertEquals(Topologies.linear(9, REACH), Topologies.resolve("LINEAR", 9, REACH, seeds));
        assertEquals(Topologies.grid(9, REACH), Topologies.resolve("grid", 9, REACH, seeds));
        assertEquals(Topologies.random(9, REACH, seeds.forPurpose("topology")),
                Topologies.resolve("random", 9, REACH, seeds));
        TopologyFileException e = assertThrows(TopologyFileException.class,
                () -> Topologies.resolve("/nonexistent/mesh.json", 9, REACH, seeds));
        assertEquals(TopologyFileException.Reason.IO, e.reason());
        assertThrows(IllegalArgumentException.class, () -> Topologies.grid(0, REACH));
        assertThrows(IllegalArgumentException.class, () -> Topologies.grid(100_001, REACH));
        assertThrows(IllegalArgumentException.class, () -> Topologies.grid(10, -1));
    }

    @Test
    void topologyInvariantsAreEnforced() {
        MoteSpec root = new MoteSpec(0, 0, 0, true);
        assertThrows(IllegalArgumentException.class, () -> Topology.of(List.of(root, root)));
        assertThrows(IllegalArgumentException.class, () -> Topology.of(List.of(new MoteSpec(0, 0, 0, false))));
        assertThrows(IllegalArgumentException.class,
                () -> new Topology(List.of(root), List.of(new LinkSpec(0, 1, 1)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MoteSpec(-1, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new MoteSpec(1, Double.NaN, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new LinkSpec(1, 1, 0.5));
    }
}
