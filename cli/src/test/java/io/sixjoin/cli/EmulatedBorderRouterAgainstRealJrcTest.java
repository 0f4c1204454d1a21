package io.sixjoin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.bridge.BorderRouterSession;
import io.sixjoin.bridge.Bridge;
import io.sixjoin.bridge.BridgeConfig;
import io.sixjoin.bridge.SequenceFiles;
import io.sixjoin.bridge.serial.SerialLinks;
import io.sixjoin.bridge.uplink.TunnelUplink;
import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.emulator.serial.BorderRouterMote;
import io.sixjoin.emulator.serial.SerialServer;
import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.JrcServer;
import io.sixjoin.jrc.JrcStats;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.jrc.tunnel.InMemoryTunnelTransport;
import io.sixjoin.jrc.tunnel.TunnelConnector;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.Ieee802154Address;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.LowpanContext;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.StatusElement;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The emulated border-router mote in place of hardware: a {@link SerialServer} serving a {@link BorderRouterMote}
 * on loopback TCP, the real bridge attached with {@code tcp://127.0.0.1:PORT}, and the real JRC behind its tunnel
 * (UDP, and in-process). The bridge probes the mote, joins as 6LBR and makes it root with the JRC's active key;
 * the mote then bridges up a provisioned pledge's real Join Request, and the JRC's answer comes back down through
 * the bridge to the mote as a 'D' frame for the pledge, where it decrypts to the network key.
 */
@Timeout(60)
class EmulatedBorderRouterAgainstRealJrcTest {
    static final long ROOT_EUI = 0x141592cc00000001L;
    static final long PLEDGE_EUI = 0x141592cc00000002L;
    static final long PREFIX = 0xbbbb000000000000L;
    static final PreSharedKey ROOT_PSK = PreSharedKey.parse("00112233445566778899aabbccddeeff");
    static final PreSharedKey PLEDGE_PSK = PreSharedKey.parse("0f0e0d0c0b0a09080706050403020100");

    @TempDir
    Path tmp;

    /** How the bridge reaches the JRC. */
    enum Wire {
        UDP_TUNNEL,
        IN_PROCESS
    }

    /** Records what the mote tells the emulator. */
    static final class Recorder implements BorderRouterMote.Listener {
        final BlockingQueue<RootCommand> roots = new LinkedBlockingQueue<>();
        final BlockingQueue<HostFrame.DataDown> down = new LinkedBlockingQueue<>();

        @Override
        public void rootCommand(RootCommand command) {
            roots.add(command);
        }

        @Override
        public void dataDown(long nextHop, byte[] lowpan) {
            down.add(new HostFrame.DataDown(nextHop, lowpan));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Wire.class)
    void theBridgeMakesTheEmulatedMoteRootAndAPledgeJoinsThroughIt(Wire wire) throws Exception {
        StoreLocation location = StoreLocation.dataDirectory(tmp.resolve("data"));
        try (JrcStore s = JrcStore.open(location, Clock.systemUTC(), new SplittableRandom(5))) {
            s.pledges().add(new ProvisionedPledge(PledgeId.parse("141592cc00000001"), ROOT_PSK, PledgeRole.SIX_LBR));
            s.pledges().add(new ProvisionedPledge(PledgeId.parse("141592cc00000002"), PLEDGE_PSK, PledgeRole.NODE));
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        JrcConfig jrcConfig = new JrcConfig(List.of(loopback), Optional.of(loopback), location, Optional.empty(),
                io.sixjoin.jrc.join.JrcProfile.RFC9031, false, OptionalLong.empty(), Optional.empty(),
                OptionalLong.empty(), io.sixjoin.jrc.coap.RateLimiter.Limits.DEFAULT);
        InMemoryTunnelTransport memory = new InMemoryTunnelTransport();
        TunnelConnector tunnel = wire == Wire.UDP_TUNNEL ? TunnelFactory.create(jrcConfig)
                : TunnelFactory.inProcess(jrcConfig, memory);
        Recorder recorder = new Recorder();
        LongSupplier clock = SerialServer.wallClockMicros();
        BorderRouterMote mote = BorderRouterMote.builder(ROOT_EUI).asn(() -> clock.getAsLong() / 10_000)
                .listener(recorder).build();
        try (JrcServer jrc = JrcServer.start(jrcConfig, Clock.systemUTC(), new SecureRandom(), JoinLog.NONE, tunnel);
                SerialServer serial = SerialServer.start(loopback, mote, clock)) {
            byte[] activeKey = jrc.store().network().inState(KeyState.ACTIVE).stream()
                    .map(NetworkKey::value).findFirst().orElseThrow();
            String spec = "tcp://127.0.0.1:" + serial.address().getPort();
            BridgeConfig config = BridgeConfig.of(spec, ROOT_PSK).withStatusInterval(Duration.ZERO);
            Uplink uplink = wire == Wire.UDP_TUNNEL ? new TunnelUplink(tunnel.getAddress(), null)
                    : new InProcessUplink(memory, "bridge-1");
            try (Bridge bridge = Bridge.builder(config).uplink(uplink)
                    .serial(SerialLinks.opener(spec, SerialLinks.DEFAULT_BAUD))
                    .sequences(SequenceFiles.in(tmp.resolve("bridge-state"))).build().start()) {
                BorderRouterMote.Listener.RootCommand root = recorder.roots.poll(20, TimeUnit.SECONDS);
                assertNotNull(root, "the bridge joined the JRC and sent SETROOT: " + bridge.statusLine());
                assertEquals('Y', root.action());
                assertTrue(root.isRoot());
                assertEquals(PREFIX, root.prefix());
                assertArrayEquals(activeKey, root.key(), "the JRC's active network key, for K1 and K2");
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (bridge.state() != BorderRouterSession.State.ROOT && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertEquals(BorderRouterSession.State.ROOT, bridge.state(), "the IdManager status said DAGroot");
                StatusElement.IdManager id = CompletableFuture.supplyAsync(mote::identity, serial::execute)
                        .get(5, TimeUnit.SECONDS);
                assertEquals(new StatusElement.IdManager(1, 0xFECA, 0x0001, ROOT_EUI, PREFIX), id);

                // A 1-hop pledge's Join Request, as the root's radio would hand it up (§7.6, link-local).
                PledgeJoinExchange pledge = new PledgeJoinExchange(PLEDGE_PSK, PledgeId.parse("141592cc00000002"));
                PledgeJoinExchange.Protected request = pledge.protect(
                        new JoinRequest(Optional.empty(), BridgeConfig.DEFAULT_NETWORK_ID, Optional.empty()),
                        CoAP.Type.NON, 0x3a5b, new Token(new byte[] {0x4b}));
                Ipv6Packet up = new UdpDatagram(5683, 5683, request.datagram())
                        .toIpv6(address(0xfe80000000000000L, PLEDGE_EUI), address(0xfe80000000000000L, ROOT_EUI), 64);
                byte[] lowpan = LowpanCodec.compress(MeshPacket.plain(up), context(PLEDGE_EUI, ROOT_EUI),
                        LowpanCodec.Options.OPENWSN).bytes();
                assertTrue(CompletableFuture.supplyAsync(() -> mote.dataUp(PLEDGE_EUI, lowpan), serial::execute)
                        .get(5, TimeUnit.SECONDS), "a root bridges up");

                HostFrame.DataDown answer = recorder.down.poll(10, TimeUnit.SECONDS);
                assertNotNull(answer, "the JRC's answer came back down: " + jrc.stats() + " " + tunnel.stats());
                assertEquals(PLEDGE_EUI, answer.nextHop());
                Ipv6Packet response = LowpanCodec.decompress(answer.lowpan(), context(ROOT_EUI, PLEDGE_EUI)).packet();
                assertEquals(address(0xfe80000000000000L, PLEDGE_EUI), response.destination());
                PledgeJoinExchange.Answer outcome = pledge.unprotect(UdpDatagram.parse(response).payload(),
                        request.sequence());
                PledgeJoinExchange.Answer.Joined joined = assertInstanceOf(PledgeJoinExchange.Answer.Joined.class,
                        outcome, outcome.toString());
                assertArrayEquals(activeKey, joined.configuration().configuration().keySet().orElseThrow().get(0)
                        .keyValue(), "the pledge got the same key the root was given");
            }
            assertEquals(2, jrc.stats().get(JrcStats.Event.JOINED), "the bridge as 6LBR, then the pledge");
            assertEquals(0, tunnel.stats().droppedTotal(), tunnel.stats().toString());
            assertEquals(1, serial.clientsAccepted());
        }
    }

    private static Inet6Address address(long prefix, long iid) throws Exception {
        return (Inet6Address) InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(prefix).putLong(iid).array());
    }

    private static LowpanContext context(long from, long to) throws Exception {
        return new LowpanContext(mac(from), mac(to), ByteBuffer.allocate(8).putLong(PREFIX).array(),
                address(PREFIX, ROOT_EUI), Ieee802154Address.IidRule.OPENWSN_EUI64_AS_IS);
    }

    private static Ieee802154Address mac(long eui) {
        return Ieee802154Address.extended(ByteBuffer.allocate(8).putLong(eui).array());
    }
}
