package io.sixjoin.emulator.medium;

import io.sixjoin.emulator.kernel.EventHandler;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.emulator.topology.Topology;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A seeded run from ASN 0 of kernel, medium and a grid topology with random slotted-ALOHA traffic,
 * whose summary (trace hash and medium counters) must equal the committed {@code golden/medium-grid25.txt}.
 * Any change to event ordering, seed derivation, hopping, PRR draws or collision rules shows up here
 * as a diff. If the change is intended, replace the file's contents with the "actual" text printed on
 * failure, and say why in the commit.
 */
class GoldenRunTest {

    private static final EventKind SLOT = EventKind.named("slot");

    @Test
    void summaryMatchesTheCommittedGoldenFile() throws IOException {
        String actual = summary(2026);
        String golden;
        try (InputStream in = GoldenRunTest.class.getResourceAsStream("/golden/medium-grid25.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(golden, actual, "golden run changed; if intended, commit this as golden/medium-grid25.txt:\n"
                + actual);
        assertEquals(actual, summary(2026), "a second run in the same JVM must not differ");
    }

    static String summary(long seed) {
        SeededRandom seeds = new SeededRandom(seed);
        EventKernel k = new EventKernel();
        RadioMedium m = new RadioMedium(LinkModel.greyZone(20, 30), HoppingSequence.openWsn(), seeds);
        Topology t = Topologies.grid(25, 20);
        t.install(m);
        m.attach(k, (rcv, snd, ch, f, asn) -> { });
        for (int i = 0; i < t.size(); i++) {
            int mote = i;
            SplittableRandom r = seeds.forMote(i, "traffic");
            EventHandler[] h = new EventHandler[1];
            h[0] = e -> {
                long asn = k.clock().asn();
                int offset = r.nextInt(2);
                if (r.nextInt(20) == 0) {
                    byte[] frame = ByteBuffer.allocate(12).putInt(mote).putLong(asn).array();
                    m.transmit(mote, offset, frame, asn);
                } else {
                    m.listen(mote, offset, asn);
                }
                k.scheduleAtAsn(asn + 1, 2_120, SLOT, mote, 0, h[0]);
            };
            k.scheduleAtAsn(0, 2_120, SLOT, mote, 0, h[0]);
        }
        k.runUntilAsn(2_000);
        return "seed " + seed + "\n"
                + "trace " + k.trace().hexHash() + "\n"
                + "events " + k.trace().count() + "\n"
                + "medium " + m.stats() + "\n";
    }
}
