package io.sixjoin.emulator.medium;

import io.sixjoin.emulator.kernel.EventHandler;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.emulator.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prints events/s and slots/s for 10,000 motes on a grid that all listen every slot, with nobody or
 * 1% of them transmitting. This is the worst case of an always-on receiver; real TSCH motes sleep
 * in most slots. Printed, not asserted.
 */
class MediumThroughputTest {

    private static final EventKind SLOT = EventKind.named("slot");

    @Test
    void tenThousandMotes() {
        for (double share : new double[]{0.0, 0.01}) {
            run(10_000, 30, share);
            long t0 = System.nanoTime();
            int slots = 200;
            Result res = run(10_000, slots, share);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[perf] medium: 10000 motes, %.0f%% transmitting: %,d events in %.2f s -> "
                            + "%,.0f events/s, %,.0f slots/s (%.1fx real time); %s%n", share * 100,
                    res.kernel.delivered(), secs, res.kernel.delivered() / secs, slots / secs,
                    slots * 0.010 / secs, res.medium.stats());
            assertTrue(res.medium.stats().slots() == slots);
        }
    }

    private record Result(EventKernel kernel, RadioMedium medium) {
    }

    private static Result run(int motes, int slots, double share) {
        SeededRandom seeds = new SeededRandom(1);
        EventKernel k = new EventKernel();
        RadioMedium m = new RadioMedium(LinkModel.greyZone(20, 30), HoppingSequence.openWsn(), seeds);
        Topology t = Topologies.grid(motes, 20);
        t.install(m);
        m.attach(k, (rcv, snd, ch, f, asn) -> { });
        byte[] frame = new byte[60];
        for (int i = 0; i < motes; i++) {
            int mote = i;
            SplittableRandom r = seeds.forMote(i, "traffic");
            EventHandler[] h = new EventHandler[1];
            h[0] = e -> {
                long asn = k.clock().asn();
                if (r.nextDouble() < share) {
                    m.transmit(mote, 0, frame, asn);
                } else {
                    m.listen(mote, 0, asn);
                }
                k.scheduleAtAsn(asn + 1, 2_120, SLOT, mote, 0, h[0]);
            };
            k.scheduleAtAsn(0, 2_120, SLOT, mote, 0, h[0]);
        }
        k.runUntilAsn(slots);
        return new Result(k, m);
    }
}
