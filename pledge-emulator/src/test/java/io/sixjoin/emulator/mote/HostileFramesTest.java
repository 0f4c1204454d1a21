package io.sixjoin.emulator.mote;

import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.serial.BorderRouterMote;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.emulator.tsch.KeyRing;
import io.sixjoin.emulator.tsch.Protection;
import io.sixjoin.emulator.tsch.TschMac;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ieee802154.security.LinkKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: whatever bytes a keyed neighbour puts in its frames — random 6LoWPAN dispatches, fragment headers,
 * page switches, truncated IPHC — no mote's upper layer (reassembly, decompression, RPL, CoJP pledge, join proxy,
 * {@code /j}, forwarding, the root's serial side) throws, and the network keeps running. The frames are valid at
 * the MAC (secured with the network key), so they reach the decoders this module adds on top of it. The number
 * of cases follows {@code sixjoin.fuzz.cases} (default 100,000; one frame per case).
 */
class HostileFramesTest {
    private static final byte[] KEY = new byte[16];

    @Test
    void randomFramesFromAKeyedNeighbourNeverBreakAMote() throws Exception {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100_000);
        EmulationConfig config = EmulationConfig.of(Topologies.star(6, 30), 9, LinkModel.unitDisk(30), 3);
        Emulation e = Emulation.create(config);
        RootMote root = e.root();
        root.onRootCommand(new BorderRouterMote.Listener.RootCommand('Y', false, true,
                MeshAddresses.DEFAULT_PREFIX, 1, KEY));
        assertTrue(e.run(() -> e.network().mac(1).isSynchronised() && e.network().mac(2).isSynchronised(),
                Duration.ofHours(2), p -> { }), "two pledges synchronised to the root");
        TschMac attacker = e.network().mac(1);
        attacker.keys().install(1, LinkKey.of(KEY), KeyRing.Role.K1K2);
        SplittableRandom rand = new SplittableRandom(4);
        MacAddress[] targets = {root.mac().address(), e.network().mac(2).address(), MacAddress.BROADCAST};
        int sent = 0;
        long limit = e.kernel().clock().nowMicros();
        while (sent < cases) {
            for (int i = 0; i < 8 && sent < cases; i++) {
                byte[] frame = new byte[rand.nextInt(TschMac.MAX_PAYLOAD + 1)];
                rand.nextBytes(frame);
                if (frame.length > 0) {
                    int[] dispatches = {0x60, 0x78, 0x7b, 0xc0, 0xe0, 0xf1, 0x41, 0xa0};
                    frame[0] = (byte) (dispatches[rand.nextInt(dispatches.length)] | (frame[0] & 0x07));
                }
                Protection p = rand.nextInt(4) == 0 ? Protection.NONE : Protection.ENCRYPTED;
                if (attacker.send(targets[rand.nextInt(targets.length)], frame, p) >= 0) {
                    sent++;
                }
            }
            limit += 8 * config.slotframe() * 10_000L;
            e.run(() -> false, Duration.ofNanos(limit * 1000), p -> { });
        }
        assertEquals(cases, sent);
        assertTrue(root.started() && e.network().mac(2).isSynchronised(), "the root and the other pledge carry on");
    }
}
