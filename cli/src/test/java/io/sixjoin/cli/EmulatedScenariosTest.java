package io.sixjoin.cli;

import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.mote.Mote;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.emulator.topology.Topology;
import io.sixjoin.jrc.JrcStats;
import io.sixjoin.jrc.store.AdminChannel;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoin;
import io.sixjoin.stack.cojp.PreSharedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Emulated networks against the real bridge and JRC, in virtual time, in the situations the emulator issue names:
 * a mote with the wrong PSK, a mote rebooted in the middle of its join, rekeying the whole network, and motes and
 * JRC in the OpenWSN profile.
 */
@Timeout(300)
class EmulatedScenariosTest {
    @TempDir
    Path tmp;

    private static EmulationConfig config(int motes, long seed) {
        Topology t = Topologies.random(motes, 30, new io.sixjoin.emulator.kernel.SeededRandom(seed).forPurpose("topology"));
        return EmulationConfig.of(t, seed, LinkModel.unitDisk(30), 11);
    }

    private LocalDeployment start(EmulationConfig config) throws Exception {
        return LocalDeployment.start(config, new LocalDeployment.Options(tmp, LocalDeployment.Tunnel.IN_MEMORY,
                Optional.empty(), s -> { }));
    }

    private static boolean runUntil(Emulation e, BooleanSupplier done, Duration virtual) throws Exception {
        return e.run(done, Duration.ofNanos(e.kernel().clock().nowMicros() * 1000).plus(virtual), p -> { });
    }

    private static int firstPledge(Emulation e) {
        return e.rootIndex() == 1 ? 2 : 1;
    }

    @Test
    void aMoteWithTheWrongPskNeverJoinsAndTheOthersDo() throws Exception {
        EmulationConfig config = config(12, 21);
        Emulation[] holder = new Emulation[1];
        int wrong = config.rootIndex() == 5 ? 6 : 5;
        // the JRC knows mote `wrong` under another PSK than the one the mote uses
        try (JrcStore s = JrcStore.open(StoreLocation.dataDirectory(tmp.resolve("jrc")), Clock.systemUTC(),
                new SplittableRandom(1))) {
            s.pledges().add(new ProvisionedPledge(PledgeId.of(config.credentials().get(wrong).eui64().bytes()),
                    PreSharedKey.parse("00000000000000000000000000000001"), PledgeRole.NODE));
        }
        try (LocalDeployment d = start(config)) {
            Emulation e = d.emulation();
            holder[0] = e;
            BooleanSupplier othersJoined = () -> {
                for (int i = 0; i < config.topology().size(); i++) {
                    Mote m = e.mote(i);
                    if (m != null && i != wrong && !(m.joined() && m.record().routedAt().isPresent())) {
                        return false;
                    }
                }
                return true;
            };
            assertTrue(runUntil(e, othersJoined, Duration.ofHours(3)), "the motes with the right PSK joined");
            runUntil(e, () -> false, Duration.ofMinutes(20));
            assertFalse(e.mote(wrong).joined(), "the wrong-PSK mote is still out");
            assertTrue(e.mote(wrong).record().attempts() > 1, "and kept trying");
            assertTrue(d.jrc().stats().get(JrcStats.Event.DROP_DECRYPT_FAILED) > 0,
                    "its requests failed OSCORE verification at the JRC");
        }
    }

    @Test
    void aMoteRebootedMidJoinJoinsLaterWithoutReusingASequenceNumber() throws Exception {
        EmulationConfig config = config(10, 22);
        try (LocalDeployment d = start(config)) {
            Emulation e = d.emulation();
            int victim = firstPledge(e);
            Mote m = e.mote(victim);
            assertTrue(runUntil(e, () -> m.record().requestedAt().isPresent(), Duration.ofHours(1)),
                    "the mote sent a Join Request");
            long flashBefore = m.flash().load().orElseThrow();
            m.reboot();
            assertTrue(m.flash().load().orElseThrow() > flashBefore,
                    "booting again wrote a new jump-ahead value above every number used before the reboot");
            assertTrue(e.runUntilFormed(Duration.ofHours(3), p -> { }), "everyone, the rebooted mote too, joined");
            assertEquals(1, m.record().reboots());
            assertEquals(0, d.jrc().stats().get(JrcStats.Event.DROP_REPLAY),
                    "the JRC never saw a sequence number again");
        }
    }

    @Test
    void rekeyingReachesEveryMoteAndTrafficGoesOnUnderTheNewKey() throws Exception {
        EmulationConfig config = config(10, 23);
        try (LocalDeployment d = start(config)) {
            Emulation e = d.emulation();
            assertTrue(e.runUntilFormed(Duration.ofHours(3), p -> { }));
            runUntil(e, () -> false, Duration.ofMinutes(2));
            int oldIndex = d.jrc().store().network().inState(KeyState.ACTIVE).get(0).keyId();
            long request = d.jrc().store().admin().submit(AdminChannel.Kind.REKEY, "");
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!d.jrc().store().admin().find(request).orElseThrow().state().isFinal() && System.nanoTime() < end) {
                runUntil(e, () -> false, Duration.ofSeconds(5));
                Thread.sleep(5);
            }
            AdminChannel.Request done = d.jrc().store().admin().find(request).orElseThrow();
            StringBuilder why = new StringBuilder(done.result());
            for (int i = 0; i < config.topology().size(); i++) {
                if (e.mote(i) != null) {
                    why.append("\nmote ").append(i).append(' ').append(e.mote(i).joinedNodeServer()).append(' ')
                            .append(java.util.Arrays.toString(e.mote(i).counters().sent())).append(" parent ")
                            .append(e.mote(i).record().parent()).append(' ').append(e.mote(i).mac().stats())
                            .append(" noRoute ").append(e.mote(i).counters().noRoute())
                            .append(" malformed ").append(e.mote(i).malformedDatagrams());
                }
            }
            why.append("\n").append(d.bridge().statusLine()).append(' ').append(d.tunnel().stats());
            assertEquals(AdminChannel.State.DONE, done.state(), why.toString());
            NetworkKey fresh = d.jrc().store().network().list().stream().max(
                    java.util.Comparator.comparingInt(NetworkKey::generation)).orElseThrow();
            assertTrue(fresh.keyId() != oldIndex, "a new key index");
            // the bridge hands the new key to its mote (SETROOT) on the wall clock, as with hardware
            end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (e.root().mac().keys().sendK2() != fresh.keyId() && System.nanoTime() < end) {
                runUntil(e, () -> false, Duration.ofSeconds(5));
                Thread.sleep(5);
            }
            runUntil(e, () -> false, Duration.ofMinutes(10));
            for (int i = 0; i < config.topology().size(); i++) {
                Mote m = e.mote(i);
                if (m == null) {
                    assertEquals(fresh.keyId(), e.root().mac().keys().sendK2(), "the bridge re-rooted with it: "
                            + done.result() + " root " + e.root().mac().keys() + " bridge " + d.bridge().statusLine()
                            + " mote 1 " + e.mote(firstPledge(e)).mac().keys() + " tunnel " + d.tunnel().stats()
                            + " nodes " + d.jrc().store().nodes().list());
                    continue;
                }
                assertTrue(m.mac().keys().has(fresh.keyId()), "mote " + i + " got the new key: " + m.mac().keys());
                assertEquals(fresh.keyId(), m.mac().keys().sendK2(), "mote " + i + " sends under the new key");
                assertTrue(m.mac().isSynchronised() && m.joined(), "mote " + i + " still in the network");
            }
        }
    }

    /** A topology file's scripted faults happen: a reboot, a degraded link and a JRC outage, and the network forms. */
    @Test
    void scriptedFaultsFromATopologyFileHappenAndTheNetworkStillForms() throws Exception {
        Path file = tmp.resolve("faults.json");
        java.nio.file.Files.writeString(file, """
                {"motes": [
                  {"id": 1, "x": 0, "y": 0, "root": true}, {"id": 2, "x": 20, "y": 0}, {"id": 3, "x": 40, "y": 0},
                  {"id": 4, "x": 20, "y": 15}, {"id": 5, "x": 0, "y": 20}],
                 "faults": [
                  {"at": "100s", "kind": "jrc-outage", "for": "120s"},
                  {"at": "150s", "kind": "degrade", "a": 1, "b": 2, "prr": 0.1, "for": "60s"},
                  {"at": "200s", "kind": "reboot", "mote": 3}]}
                """);
        Topology t = io.sixjoin.emulator.topology.TopologyFile.load(file);
        EmulationConfig config = EmulationConfig.of(t, 2, LinkModel.unitDisk(30), 11);
        try (LocalDeployment d = start(config)) {
            Emulation e = d.emulation();
            assertTrue(e.run(() -> e.formed() && e.kernel().clock().nowMicros() > 250_000_000L, Duration.ofHours(3),
                    p -> { }), "formed despite the faults, and still formed after them");
            assertEquals(1, e.mote(2).record().reboots(), "mote id 3 rebooted once");
            assertTrue(e.mote(2).joined(), "and joined again");
            assertTrue(e.root().droppedDuringOutage() > 0 || e.mote(1).record().joinedAt().getAsLong() < 100_000_000L,
                    "the outage swallowed upward datagrams (unless everyone had joined before it)");
        }
    }

    @Test
    void motesAndJrcInTheOpenWsnProfileForm() throws Exception {
        EmulationConfig config = config(10, 24).withProfile(PledgeJoin.Profile.OPENWSN);
        try (LocalDeployment d = start(config)) {
            assertTrue(d.emulation().runUntilFormed(Duration.ofHours(3), p -> { }),
                    "OpenWSN-style pledges (NON, option 40 through the JPs) joined an OpenWSN-profile JRC");
            assertTrue(d.jrc().stats().get(JrcStats.Event.JOINED) >= 10);
        }
    }
}
