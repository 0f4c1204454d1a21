package io.sixjoin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sixjoin.bridge.BorderRouterSession;
import io.sixjoin.bridge.Bridge;
import io.sixjoin.bridge.BridgeConfig;
import io.sixjoin.bridge.uplink.TunnelUplink;
import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.JrcServer;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.jrc.tunnel.InMemoryTunnelTransport;
import io.sixjoin.jrc.tunnel.TunnelConnector;
import io.sixjoin.jrc.tunnel.TunnelStats;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffEscaper;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.HostFrameCodec;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import io.sixjoin.stack.openwsn.StatusElement;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bridge's own 6LBR join against the real JRC, once through its real UDP tunnel and once in-process through
 * {@link InProcessUplink}: the bridge is provisioned with role 6lbr, joins, and hands the mote the JRC's active
 * network key in a SETROOT 'Y'. The mote is a minimal scripted one on a TCP serial line.
 */
@Timeout(60)
class BridgeAgainstRealJrcTest {
    static final long EUI = 0x00124b0014b5d2a1L;
    static final PreSharedKey PSK = PreSharedKey.parse("00112233445566778899aabbccddeeff");

    @TempDir
    Path tmp;

    /** How the bridge reaches the JRC. */
    enum Wire {
        UDP_TUNNEL,
        IN_PROCESS
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Wire.class)
    void bridgeJoinsAs6lbrAndGivesTheMoteTheNetworkKey(Wire wire) throws Exception {
        StoreLocation location = StoreLocation.dataDirectory(tmp.resolve("data"));
        try (JrcStore s = JrcStore.open(location, Clock.systemUTC(), new SplittableRandom(3))) {
            s.pledges().add(new ProvisionedPledge(PledgeId.parse("00124b0014b5d2a1"), PSK, PledgeRole.SIX_LBR));
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        JrcConfig jrcConfig = new JrcConfig(List.of(loopback), Optional.of(loopback), location, Optional.empty(),
                io.sixjoin.jrc.join.JrcProfile.RFC9031, false, java.util.OptionalLong.empty(), Optional.empty(),
                java.util.OptionalLong.empty(), io.sixjoin.jrc.coap.RateLimiter.Limits.DEFAULT);
        InMemoryTunnelTransport memory = new InMemoryTunnelTransport();
        TunnelConnector tunnel = wire == Wire.UDP_TUNNEL ? TunnelFactory.create(jrcConfig)
                : TunnelFactory.inProcess(jrcConfig, memory);
        BlockingQueue<HostFrame.SetRoot> setRoots = new LinkedBlockingQueue<>();
        try (JrcServer jrc = JrcServer.start(jrcConfig, Clock.systemUTC(), new SecureRandom(), JoinLog.NONE, tunnel);
                ServerSocket moteServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[] activeKey = jrc.store().network().inState(KeyState.ACTIVE).stream()
                    .map(NetworkKey::value).findFirst().orElseThrow();
            BridgeConfig config = BridgeConfig.of("tcp://127.0.0.1:" + moteServer.getLocalPort(), PSK)
                    .withStatusInterval(Duration.ZERO);
            for (int run = 1; run <= 2; run++) {
                // The second run is a restarted bridge: its join must not be refused as a replay.
                // In-process, the restarted bridge reattaches under the id the closed one released.
                Uplink uplink = wire == Wire.UDP_TUNNEL ? new TunnelUplink(tunnel.getAddress(), null)
                        : new InProcessUplink(memory, "bridge-1");
                try (Bridge bridge = Bridge.builder(config).uplink(uplink)
                        .sequences(io.sixjoin.bridge.SequenceFiles.in(tmp.resolve("bridge-state")))
                        .build().start(); Socket line = moteServer.accept()) {
                    Thread mote = new Thread(() -> playMote(line, setRoots), "minimal-mote");
                    mote.setDaemon(true);
                    mote.start();
                    HostFrame.SetRoot setRoot = setRoots.poll(20, TimeUnit.SECONDS);
                    assertNotNull(setRoot, "run " + run + ": the bridge joined the JRC and sent SETROOT: "
                            + bridge.statusLine());
                    assertEquals('Y', setRoot.action());
                    assertArrayEquals(activeKey, setRoot.key(), "the JRC's active network key");
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (bridge.state() != BorderRouterSession.State.ROOT && System.nanoTime() < end) {
                        Thread.sleep(50);
                    }
                    assertEquals(BorderRouterSession.State.ROOT, bridge.state());
                }
                setRoots.clear();
            }
            // The restarted bridge resumed above every sequence number it had used (RFC 8613 App. B.1.1), so the
            // JRC never saw a replay: a bridge that started again at 0 would be dropped until it caught up.
            assertEquals(0, jrc.stats().get(io.sixjoin.jrc.JrcStats.Event.DROP_REPLAY));
            assertEquals(2, jrc.stats().get(io.sixjoin.jrc.JrcStats.Event.JOINED));
            TunnelStats traffic = tunnel.stats();
            assertEquals(0, traffic.droppedTotal(), traffic.toString());
            assertEquals(1, tunnel.knownMotes(), "the bridge's own 6LBR address, learnt from its join");
        }
    }

    /** Echoes probes, reports IdManager, becomes root on SETROOT 'Y'; escapes XON/XOFF as firmware UARTs do. */
    private static void playMote(Socket line, BlockingQueue<HostFrame.SetRoot> setRoots) {
        boolean[] root = {false};
        long[] prefix = {0};
        try {
            InputStream in = line.getInputStream();
            OutputStream out = line.getOutputStream();
            HdlcDecoder decoder = new HdlcDecoder();
            byte[] buf = new byte[256];
            line.setSoTimeout(100);
            while (!line.isClosed()) {
                int n;
                try {
                    n = in.read(buf);
                } catch (java.net.SocketTimeoutException e) {
                    n = 0;
                }
                if (n < 0) {
                    return;
                }
                for (HdlcDecoder.Event e : decoder.feed(java.util.Arrays.copyOf(buf, n))) {
                    if (e instanceof HdlcDecoder.Frame f) {
                        HostFrame h = HostFrameCodec.parse(f.payload());
                        if (h instanceof HostFrame.Echo echo) {
                            out.write(XonXoffEscaper.escape(HdlcEncoder.encode(MoteFrameCodec.encode(
                                    new MoteFrame.EchoReply(0xd2a1, 1, echo.data())))));
                        } else if (h instanceof HostFrame.SetRoot s) {
                            setRoots.add(s);
                            root[0] = s.action() == 'Y';
                            prefix[0] = s.prefix();
                        }
                    }
                }
                StatusElement.IdManager id = new StatusElement.IdManager(root[0] ? 1 : 0, 0xFECA, 0xd2a1, EUI,
                        prefix[0]);
                out.write(XonXoffEscaper.escape(HdlcEncoder.encode(MoteFrameCodec.encode(
                        new MoteFrame.Status(0xd2a1, 1, id.toBytes())))));
            }
        } catch (Exception e) {
            // the test ends by closing the socket
        }
    }
}
