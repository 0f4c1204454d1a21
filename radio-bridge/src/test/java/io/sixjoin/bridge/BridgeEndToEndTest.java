package io.sixjoin.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sixjoin.bridge.pcap.TsharkDecodeTestSupport;
import io.sixjoin.bridge.serial.JSerialCommLink;
import io.sixjoin.bridge.serial.SerialLink;
import io.sixjoin.bridge.serial.SocatPty;
import io.sixjoin.bridge.serial.TcpSerialLink;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.Fragmenter;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.rpl.Dao;
import io.sixjoin.stack.rpl.RplOption;
import java.net.Inet6Address;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bridge against a scripted border-router mote, over a socat pty pair (jSerialComm on the bridge side)
 * and over TCP: probe, 6LBR self-join, SETROOT 'Y', a join request up, its answer down, a DAO, a routed packet,
 * a packet without a route, line noise throughout, the line vanishing and coming back (the mote "rebooted", so
 * the bridge must make it root again), and both captures decoded by tshark.
 */
@Timeout(120)
class BridgeEndToEndTest {
    static final long PLEDGE = 0x141592cc00000002L;
    static final double NOISE = 0.05;

    @TempDir
    Path dir;

    /** One way to carry the serial bytes; the scenario is the same for all. */
    interface Line extends AutoCloseable {
        String bridgeSpec();

        /** The mote's end, once the bridge is connected. */
        SerialLink moteEnd() throws Exception;

        /** The mote vanishes (unplugged, TCP dropped). */
        void drop() throws Exception;

        /** It is back (a fresh mote end comes from {@link #moteEnd}). */
        void restore() throws Exception;
    }

    @Test
    void overAPtyPairMadeBySocat() throws Exception {
        assumeTrue(SocatPty.available(), "socat not installed: skipping the pty end-to-end test (CI installs it)");
        SocatPty pty = new SocatPty(dir).start();
        try (Line line = new Line() {
            @Override
            public String bridgeSpec() {
                return pty.a.toString();
            }

            @Override
            public SerialLink moteEnd() throws Exception {
                return JSerialCommLink.open(pty.b.toString(), 115200);
            }

            @Override
            public void drop() throws Exception {
                pty.stop();
            }

            @Override
            public void restore() throws Exception {
                pty.start();
            }

            @Override
            public void close() throws Exception {
                pty.stop();
            }
        }) {
            scenario(line);
        }
    }

    @Test
    void overTcpAsOnIotLab() throws Exception {
        ServerSocket server = new ServerSocket(0);
        try (Line line = new Line() {
            Socket current;

            @Override
            public String bridgeSpec() {
                return "tcp://127.0.0.1:" + server.getLocalPort();
            }

            @Override
            public SerialLink moteEnd() throws Exception {
                current = server.accept();
                return TcpSerialLink.of(current, "mote side");
            }

            @Override
            public void drop() throws Exception {
                current.close();
            }

            @Override
            public void restore() {
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        }) {
            scenario(line);
        }
    }

    private void scenario(Line line) throws Exception {
        Path pcap = dir.resolve("bridge.pcap");
        Path lowpanPcap = dir.resolve("lowpan.pcap");
        PledgeId bridgeId = PledgeId.of(Mesh.bytes(ScriptedMote.EUI));
        BridgeConfig config = BridgeConfig.of(line.bridgeSpec(), FakeJrc.BRIDGE_PSK).withCaptures(pcap, lowpanPcap)
                .withStatusInterval(Duration.ZERO);
        FakeJrc jrc = new FakeJrc(bridgeId, config.jrcAddress());
        byte[] prefix = config.prefix();
        Inet6Address root = Mesh.address(prefix, ScriptedMote.EUI);
        Inet6Address pledgeGlobal = Mesh.address(prefix, PLEDGE);
        Inet6Address pledgeLinkLocal = Mesh.address(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0}, PLEDGE);
        Inet6Address rootLinkLocal = Mesh.address(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0},
                ScriptedMote.EUI);
        Mesh view = new Mesh(prefix);
        view.root(ScriptedMote.EUI);

        try (Bridge bridge = Bridge.builder(config).uplink(jrc).build().start()) {
            ScriptedMote mote = new ScriptedMote(line.moteEnd(), 42, NOISE);
            try {
                // 1. probe, join as 6LBR, SETROOT 'Y' with the JRC's key, root confirmed by status; the line
                // damages both directions meanwhile, so lost probes and SETROOTs must be retried
                mote.inboundNoise(0.3);
                await(() -> bridge.state() == BorderRouterSession.State.ROOT, 30, "bridge becomes root");
                mote.inboundNoise(0);
                HostFrame.SetRoot setRoot = mote.setRoots.poll(1, TimeUnit.SECONDS);
                assertNotNull(setRoot);
                assertEquals('Y', setRoot.action(), "never the toggle");
                assertEquals(0xbbbb000000000000L, setRoot.prefix());
                assertEquals(1, setRoot.keyIndex());
                assertArrayEquals(FakeJrc.NETWORK_KEY, setRoot.key());

                // 2. a 1-hop pledge's join request reaches the JRC as an IPv6 packet
                byte[] coap = {0x50, 0x02, 0x12, 0x34, (byte) 0xb1, 0x6a};
                Ipv6Packet request = new UdpDatagram(5683, 5683, coap).toIpv6(pledgeLinkLocal, rootLinkLocal, 64);
                byte[] requestLowpan = LowpanCodec.compress(MeshPacket.plain(request),
                        view.context(PLEDGE, ScriptedMote.EUI), LowpanCodec.Options.OPENWSN).bytes();
                byte[] up = repeatUntil(() -> mote.receivedFromMesh(PLEDGE, requestLowpan), jrc, 10);
                assertEquals(request, Ipv6Packet.parse(up));

                // 2b. a packet too big for one frame arrives as RFC 4944 fragments and is reassembled
                byte[] bigCoap = new byte[300];
                System.arraycopy(new byte[] {0x50, 0x02, 0x00, 0x07, (byte) 0xff}, 0, bigCoap, 0, 5);
                Ipv6Packet big = new UdpDatagram(5683, 5683, bigCoap).toIpv6(pledgeLinkLocal, rootLinkLocal, 64);
                LowpanCodec.Compressed bigLowpan = LowpanCodec.compress(MeshPacket.plain(big),
                        view.context(PLEDGE, ScriptedMote.EUI), LowpanCodec.Options.OPENWSN);
                int[] tag = {100};
                byte[] reassembled = repeatUntil(() -> {
                    for (byte[] fragment : new Fragmenter(80).fragment(bigLowpan, tag[0]++)) {
                        mote.receivedFromMesh(PLEDGE, fragment);
                    }
                }, jrc, 10);
                assertEquals(big, Ipv6Packet.parse(reassembled));

                // 3. the JRC's answer goes down to the pledge, link-local: one hop
                Ipv6Packet answer = new UdpDatagram(5683, 5683, new byte[] {0x50, 0x44, 0x12, 0x34})
                        .toIpv6(rootLinkLocal, pledgeLinkLocal, 64);
                jrc.deliver(answer.encode());
                HostFrame.DataDown down = mote.dataDown.poll(5, TimeUnit.SECONDS);
                assertNotNull(down, "answer sent into the mesh");
                assertEquals(PLEDGE, down.nextHop());
                assertEquals(answer, LowpanCodec.decompress(down.lowpan(), view.context(ScriptedMote.EUI, PLEDGE))
                        .packet());

                // 4. a DAO makes the pledge routable by its global address
                Dao dao = new Dao(0, false, 1, Optional.of(root),
                        List.of(new RplOption.Transit(false, 0, 1, 0xFF, Optional.of(root))));
                Ipv6Packet daoPacket = dao.toIcmpv6().toIpv6(pledgeGlobal, root, 64);
                byte[] daoLowpan = LowpanCodec.compress(MeshPacket.plain(daoPacket),
                        view.context(PLEDGE, ScriptedMote.EUI), LowpanCodec.Options.OPENWSN).bytes();
                for (int i = 0; i < 50 && bridge.knownMotes() == 0; i++) {
                    mote.receivedFromMesh(PLEDGE, daoLowpan);
                    Thread.sleep(100);
                }
                assertEquals(1, bridge.knownMotes());
                Ipv6Packet routed = new UdpDatagram(5683, 5683, new byte[] {0x50, 0x45, 0, 1})
                        .toIpv6(root, pledgeGlobal, 64);
                jrc.deliver(routed.encode());
                HostFrame.DataDown routedDown = mote.dataDown.poll(5, TimeUnit.SECONDS);
                assertNotNull(routedDown);
                assertEquals(PLEDGE, routedDown.nextHop());
                assertEquals(routed, LowpanCodec.decompress(routedDown.lowpan(),
                        view.context(ScriptedMote.EUI, PLEDGE)).packet());

                // 5. no route: counted drop
                jrc.deliver(new UdpDatagram(5683, 5683, new byte[] {0x50, 0x45, 0, 2})
                        .toIpv6(root, Mesh.address(prefix, 0x99), 64).encode());
                await(() -> bridge.stats().drops(BridgeStats.Drop.NO_ROUTE) == 1, 5, "no-route drop counted");

                // 6. a burst on a bad line: damaged frames are counted, intact ones still get through
                mote.noise(0.3);
                jrc.fromMesh.clear();
                for (int i = 0; i < 100; i++) {
                    mote.receivedFromMesh(PLEDGE, requestLowpan);
                }
                mote.noise(NOISE);
                await(() -> bridge.stats().crcErrors() + bridge.stats().lineErrors() > 0, 5, "noise detected");
                Thread.sleep(500);
                int through = jrc.fromMesh.size();
                assertTrue(through > 30 && through < 100, through + " of 100 frames through: " + bridge.statusLine());
                for (byte[] p : jrc.fromMesh) {
                    assertEquals(request, Ipv6Packet.parse(p), "nothing corrupt passes the FCS");
                }
                assertEquals(BorderRouterSession.State.ROOT, bridge.state());
            } finally {
                mote.close();
            }

            // 7. the line vanishes; it comes back with a rebooted mote, which is made root again
            line.drop();
            await(() -> bridge.state() == BorderRouterSession.State.LINK_DOWN, 15, "loss noticed");
            line.restore();
            ScriptedMote rebooted = new ScriptedMote(line.moteEnd(), 7, NOISE);
            try {
                await(() -> bridge.state() == BorderRouterSession.State.ROOT, 30, "root again after reconnect");
                assertTrue(rebooted.isRoot());
                assertEquals(1, bridge.stats().reconnects());
                assertEquals(1, jrc.joinRequests.get() > 0 ? 1 : 0);
            } finally {
                rebooted.close();
            }
        }
        TsharkDecodeTestSupport.assertDecodesCleanly(pcap, "ipv6");
        // Fragments decode as 6LoWPAN; Wireshark shows the IPv6 packet on the frame that completes it.
        TsharkDecodeTestSupport.assertDecodesCleanly(lowpanPcap, "wpan:6lowpan");
        TsharkDecodeTestSupport.assertSomeFrameDecodesTo(lowpanPcap, "wpan:6lowpan:ipv6:udp:coap");
        TsharkDecodeTestSupport.assertSomeFrameDecodesTo(lowpanPcap, "wpan:6lowpan:ipv6:icmpv6");
    }

    /** Sends the frame until the noise lets it through to the JRC, and returns what the JRC got. */
    private static byte[] repeatUntil(Runnable send, FakeJrc jrc, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            send.run();
            byte[] got = jrc.fromMesh.poll(200, TimeUnit.MILLISECONDS);
            if (got != null) {
                return got;
            }
        }
        throw new AssertionError("nothing reached the JRC in " + seconds + " s");
    }

    static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}
