package io.sixjoin.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.bridge.serial.LinkFailedException;
import io.sixjoin.bridge.serial.LinkOpener;
import io.sixjoin.bridge.serial.MemoryLink;
import io.sixjoin.bridge.serial.SerialLink;
import io.sixjoin.bridge.uplink.FakeUplink;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.StatusElement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe's diagnosis of a line where no OpenWSN mote answers, and the fall-backs, on fast timers. */
@Timeout(30)
class BorderRouterSessionTest {
    static final BorderRouterSession.Timing FAST = new BorderRouterSession.Timing(50, 50, 200, 50);

    final MemoryLink link = new MemoryLink("memory");
    final FakeUplink uplink = new FakeUplink();

    Bridge bridge() throws Exception {
        LinkOpener opener = new LinkOpener() {
            @Override
            public SerialLink open() throws LinkFailedException {
                return link;
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
        BridgeConfig config = BridgeConfig.of("memory", FakeJrc.BRIDGE_PSK).withStatusInterval(Duration.ZERO);
        return Bridge.builder(config).uplink(uplink).serial(opener).timing(FAST).random(new Random(1)).build()
                .start();
    }

    @Test
    void aSilentLineIsDiagnosedAsSuch() throws Exception {
        try (Bridge b = bridge()) {
            BridgeEndToEndTest.await(() -> b.probeDiagnosis().isPresent(), 10, "diagnosis");
            assertTrue(b.probeDiagnosis().get().startsWith("nothing received"), b.probeDiagnosis().get());
            assertTrue(link.written.size() >= 3, "kept probing");
            assertEquals(BorderRouterSession.State.PROBING, b.state());
        }
    }

    @Test
    void garbageWithBadChecksumsPointsAtTheBaudRate() throws Exception {
        try (Bridge b = bridge()) {
            Thread noise = new Thread(() -> {
                Random r = new Random(5);
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] junk = new byte[12];
                    r.nextBytes(junk);
                    junk[0] = 0x7E;
                    junk[11] = 0x7E;
                    link.offer(junk);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            noise.start();
            try {
                BridgeEndToEndTest.await(() -> b.probeDiagnosis().isPresent(), 10, "diagnosis");
            } finally {
                noise.interrupt();
                noise.join();
            }
            assertTrue(b.probeDiagnosis().get().contains("wrong baud rate"), b.probeDiagnosis().get());
        }
    }

    @Test
    void aMoteThatReportsStatusButNeverEchoesStillGetsJoinedAndRooted() throws Exception {
        try (Bridge b = bridge()) {
            StatusElement.IdManager id = new StatusElement.IdManager(0, 0xFECA, 1, ScriptedMote.EUI, 0);
            for (int i = 0; i < 300 && b.state() != BorderRouterSession.State.JOINING; i++) {
                link.offer(MoteChannelTest.wire(new MoteFrame.Status(1, 1, id.toBytes())));
                Thread.sleep(10);
            }
            assertEquals(BorderRouterSession.State.JOINING, b.state());
            BridgeEndToEndTest.await(() -> uplink.sent.size() >= 2, 10, "join request retried");
        }
    }
}
