package io.sixjoin.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.bridge.serial.LinkFailedException;
import io.sixjoin.bridge.serial.LinkOpener;
import io.sixjoin.bridge.serial.MemoryLink;
import io.sixjoin.bridge.serial.SerialLink;
import io.sixjoin.bridge.serial.Sleeper;
import io.sixjoin.bridge.uplink.FakeUplink;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffEscaper;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.Log;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import io.sixjoin.stack.openwsn.Printf;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The serial protocol layer over an in-memory link: flow control, damage counting, mote output. */
@Timeout(30)
class MoteChannelTest {
    final MemoryLink link = new MemoryLink("memory");
    final LinkOpener opener = new LinkOpener() {
        @Override
        public SerialLink open() throws LinkFailedException {
            return link;
        }

        @Override
        public String describe() {
            return "memory";
        }
    };

    static byte[] wire(MoteFrame f) {
        return XonXoffEscaper.escape(HdlcEncoder.encode(MoteFrameCodec.encode(f)));
    }

    @Test
    void xoffHoldsHostFramesUntilXon() throws Exception {
        BlockingQueue<MoteFrame> frames = new LinkedBlockingQueue<>();
        BridgeStats stats = new BridgeStats();
        try (MoteChannel channel = new MoteChannel(opener, System::nanoTime, Sleeper.SYSTEM, stats,
                new MoteChannel.Listener() {
                    @Override
                    public void frame(MoteFrame frame) {
                        frames.add(frame);
                    }

                    @Override
                    public void lineUp(int generation) {
                    }

                    @Override
                    public void lineDown(String reason) {
                    }
                })) {
            channel.start();
            link.offer(new byte[] {0x13});
            link.offer(wire(new MoteFrame.Status(1, 0, new byte[] {1})));
            assertNotNull(frames.poll(2, TimeUnit.SECONDS), "frames still arrive during XOFF");
            long started = System.nanoTime();
            Thread writer = new Thread(() -> channel.send(new HostFrame.Echo(new byte[] {1, 2})));
            writer.start();
            assertNull(link.written.poll(50, TimeUnit.MILLISECONDS), "held while XOFF");
            link.offer(new byte[] {0x11});
            assertNotNull(link.written.poll(2, TimeUnit.SECONDS), "sent after XON");
            assertTrue(System.nanoTime() - started < MoteChannel.MAX_XOFF_WAIT_MILLIS * 1_000_000L * 5);
            writer.join();

            byte[] damaged = wire(new MoteFrame.Status(1, 0, new byte[] {1, 2, 3}));
            damaged[3] ^= 0x01;
            link.offer(damaged);
            link.offer(wire(new MoteFrame.Status(1, 0, new byte[] {4})));
            assertNotNull(frames.poll(2, TimeUnit.SECONDS));
            assertEquals(1, stats.crcErrors());
        }
    }

    @Test
    void moteOutputIsPrintedWhenAsked() throws Exception {
        List<String> console = new CopyOnWriteArrayList<>();
        BridgeConfig config = BridgeConfig.of("memory", PreSharedKey.parse("00112233445566778899aabbccddeeff"))
                .withStatusInterval(Duration.ZERO);
        config = new BridgeConfig(config.serial(), config.baud(), config.pledgeId(), config.psk(), config.networkId(),
                config.prefix(), null, config.pcap(), config.pcapLowpan(), true, Duration.ZERO,
                config.fragmentSize());
        try (Bridge bridge = Bridge.builder(config).uplink(new FakeUplink()).serial(opener).console(console::add)
                .build().start()) {
            link.offer(wire(new Log(Log.Level.ERROR, 1, 0x11, 0x39, 12, 0)));
            link.offer(wire(new Printf(1, 77, "hello from the mote\n")));
            BridgeEndToEndTest.await(() -> console.size() >= 2, 5, "mote output printed");
            assertTrue(console.get(0).startsWith("mote: ERROR mote 0x0001"), console.get(0));
            assertEquals("mote 0x0001 printf: hello from the mote", console.get(1));
            assertEquals(BorderRouterSession.State.PROBING, bridge.state());
        }
    }
}
