package io.sixjoin.cli;

import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.mote.MoteRecord;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.emulator.topology.Topology;
import io.sixjoin.jrc.JrcStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emulated motes join through the emulated border router, the real bridge (TCP serial line) and the real JRC. */
@Timeout(300)
class EmulatedNetworkJoinTest {
    @TempDir
    Path tmp;

    /**
     * Same seed, same run: every mote synchronises, joins and announces its route at the same virtual microsecond,
     * through the same parent, after the same attempts, with the same short address. (The event trace's hash also
     * covers frame bytes, and those include the Message IDs the JRC's CoAP stack starts at random, as RFC 7252
     * §4.4 wants; so with a JRC in the loop the hash differs while the run does not.)
     */
    @Test
    void theSameSeedGivesTheSameRun() throws Exception {
        String first = timelineOfRun(tmp.resolve("a"));
        String second = timelineOfRun(tmp.resolve("b"));
        assertEquals(first, second, "two runs of seed 3");
    }

    private static String timelineOfRun(Path data) throws Exception {
        EmulationConfig config = EmulationConfig.of(Topologies.random(15, 30,
                new io.sixjoin.emulator.kernel.SeededRandom(3).forPurpose("topology")), 3, LinkModel.greyZone(25, 30), 11);
        try (LocalDeployment d = LocalDeployment.start(config, new LocalDeployment.Options(data,
                LocalDeployment.Tunnel.IN_MEMORY, Optional.empty(), s -> { }))) {
            assertTrue(d.emulation().runUntilFormed(Duration.ofHours(3), p -> { }));
            StringBuilder b = new StringBuilder();
            for (MoteRecord r : d.emulation().records()) {
                b.append(r.address()).append(' ').append(r.syncedAt()).append(' ').append(r.joinedAt()).append(' ')
                        .append(r.routedAt()).append(' ').append(r.parent()).append(' ').append(r.attempts())
                        .append(' ').append(r.shortAddress()).append('\n');
            }
            return b.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"star,11", "random,11"})
    void fiftyMotesJoinInVirtualTime(String shape, int slotframe) throws Exception {
        Topology t = Topologies.resolve(shape, 50, 30, new io.sixjoin.emulator.kernel.SeededRandom(7));
        EmulationConfig config = EmulationConfig.of(t, 7, LinkModel.greyZone(25, 30), slotframe);
        try (LocalDeployment d = LocalDeployment.start(config, new LocalDeployment.Options(tmp,
                LocalDeployment.Tunnel.IN_MEMORY, Optional.empty(), System.out::println))) {
            Emulation e = d.emulation();
            boolean formed = e.runUntilFormed(Duration.ofHours(3), p -> System.out.println(p));
            System.out.println(d.jrc().stats() + " " + d.bridge().statusLine());
            System.out.println(e.macTotals() + "\n" + e.mediumStats() + "\nheld " + e.heldNanos() / 1e6 + " ms");
            assertTrue(formed, "every mote joined");
            assertTrue(d.jrc().stats().get(JrcStats.Event.JOINED) >= 50, "49 motes and the bridge, and again for answers lost on the way");
        }
    }
}
