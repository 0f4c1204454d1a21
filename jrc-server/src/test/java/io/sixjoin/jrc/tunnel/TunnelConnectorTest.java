package io.sixjoin.jrc.tunnel;

import static io.sixjoin.jrc.tunnel.FakeBridge.await;
import static io.sixjoin.jrc.tunnel.FakeBridge.v6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.UdpEndpointContextMatcher;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sixjoin.jrc.tunnel.TunnelStats.Drop;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;

/**
 * The connector without Californium's stack: what it hands a {@link org.eclipse.californium.elements.RawDataChannel},
 * how it reports outbound failures through {@link MessageCallback}, and its lifecycle.
 */
@Timeout(30)
class TunnelConnectorTest {
    private static final Inet6Address MOTE = v6("bbbb::2:2");
    private static final Inet6Address JRC = v6("bbbb::1");
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final BlockingQueue<RawData> inbound = new LinkedBlockingQueue<>();
    private TunnelConnector connector;

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.destroy();
        }
    }

    private TunnelConnector start(TunnelConfig config) throws IOException {
        connector = new TunnelConnector(config, () -> 42_000L);
        connector.setRawDataReceiver(inbound::add);
        connector.start();
        return connector;
    }

    @Test
    void deliversTheMoteAsPeerWithTheInjectedTimestamp() throws Exception {
        start(TunnelConfig.of(LOOPBACK_ANY_PORT));
        assertNotEquals(0, connector.getAddress().getPort(), "getAddress reports the bound port");
        try (FakeBridge bridge = new FakeBridge(connector.getAddress())) {
            bridge.sendFromMote(MOTE, 6000, JRC, new byte[] {0x50, 0x01, 0, 1});
            RawData raw = inbound.poll(5, TimeUnit.SECONDS);
            assertEquals(new InetSocketAddress(MOTE, 6000), raw.getInetSocketAddress());
            assertInstanceOf(UdpEndpointContext.class, raw.getEndpointContext());
            assertArrayEquals(new byte[] {0x50, 0x01, 0, 1}, raw.getBytes());
            assertEquals(42_000L, raw.getReceiveNanoTimestamp());
            assertEquals(connector.getAddress(), raw.getConnectorAddress());
            assertFalse(raw.isMulticast());
        }
    }

    @Test
    void bindsIpv6Too() throws Exception {
        InetSocketAddress v6Loopback = new InetSocketAddress(v6("::1"), 0);
        try (DatagramSocket probe = new DatagramSocket(v6Loopback)) {
            probe.getLocalPort();
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e);
        }
        start(TunnelConfig.of(v6Loopback));
        assertEquals(v6("::1"), connector.getAddress().getAddress());
        assertNotEquals(0, connector.getAddress().getPort());
    }

    @Test
    void survivesAFailingReceiverAndUnanswerableSources() throws Exception {
        connector = new TunnelConnector(TunnelConfig.of(LOOPBACK_ANY_PORT));
        connector.setRawDataReceiver(raw -> {
            if (raw.getSize() == 1) {
                throw new IllegalStateException("receiver bug");
            }
            inbound.add(raw);
        });
        connector.start();
        try (FakeBridge bridge = new FakeBridge(connector.getAddress())) {
            bridge.sendFromMote(MOTE, 6000, JRC, new byte[] {1});
            bridge.sendFromMote(v6("ff02::1"), 6000, JRC, new byte[] {2, 2}); // multicast source
            bridge.sendFromMote(MOTE, 0, JRC, new byte[] {3, 3}); // port 0
            bridge.sendFromMote(MOTE, 6000, v6("ff02::1a"), new byte[] {4, 4}); // multicast destination
            bridge.sendFromMote(MOTE, 6000, JRC, new byte[] {5, 5});
            RawData raw = inbound.poll(5, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {5, 5}, raw.getBytes());
        }
        TunnelStats stats = connector.stats();
        await(() -> stats.delivered() == 1);
        assertEquals(1, stats.dropped(Drop.RECEIVER_FAILED));
        assertEquals(3, stats.dropped(Drop.BAD_ADDRESS));
        assertEquals(1, stats.delivered());
        assertEquals(5, stats.received());
    }

    @Test
    void countsDatagramsArrivingBeforeAReceiverIsSet() throws Exception {
        connector = new TunnelConnector(TunnelConfig.of(LOOPBACK_ANY_PORT));
        connector.start();
        try (FakeBridge bridge = new FakeBridge(connector.getAddress())) {
            bridge.sendFromMote(MOTE, 6000, JRC, new byte[] {1});
        }
        await(() -> connector.stats().dropped(Drop.NO_RECEIVER) == 1);
        assertEquals(0, connector.knownMotes(), "nothing learnt from an undelivered packet");
    }

    @Test
    void outboundFailuresReachTheCallback() throws Exception {
        TunnelConfig config = TunnelConfig.of(LOOPBACK_ANY_PORT).withMaxPacketSize(1280);
        connector = new TunnelConnector(config);
        RecordingCallback stopped = send(new InetSocketAddress(MOTE, 5683), new byte[4]);
        assertInstanceOf(InterruptedIOException.class, stopped.events.get(0));
        assertEquals(1, connector.stats().dropped(Drop.NOT_RUNNING));

        start(config);
        assertInstanceOf(IOException.class, send(new InetSocketAddress("127.0.0.1", 5683), new byte[4]).events.get(0));
        assertInstanceOf(IOException.class, send(new InetSocketAddress(MOTE, 0), new byte[4]).events.get(0));
        IOException unknown = (IOException) send(new InetSocketAddress(MOTE, 5683), new byte[4]).events.get(0);
        assertEquals("no bridge knows bbbb:0:0:0:0:0:2:2", unknown.getMessage());

        try (FakeBridge bridge = new FakeBridge(connector.getAddress())) {
            bridge.sendFromMote(MOTE, 5683, JRC, new byte[] {0x50, 0x01, 0, 1});
            inbound.poll(5, TimeUnit.SECONDS);
            assertInstanceOf(IOException.class, send(new InetSocketAddress(MOTE, 5683), new byte[1233]).events.get(0));
            connector.setEndpointContextMatcher(new UdpEndpointContextMatcher() {
                @Override
                public boolean isToBeSent(EndpointContext messageContext, EndpointContext connectionContext) {
                    return false;
                }
            });
            assertInstanceOf(EndpointMismatchException.class,
                    send(new InetSocketAddress(MOTE, 5683), new byte[4]).events.get(0));
            connector.setEndpointContextMatcher(new UdpEndpointContextMatcher(true));
            RecordingCallback ok = send(new InetSocketAddress(MOTE, 5683), new byte[1232]);
            assertEquals(List.of("context", "sent"), ok.events);
            Ipv6Packet packet = bridge.receive();
            assertEquals(1280, packet.encodedLength());
            assertEquals(JRC, packet.source());
            assertEquals(1232, UdpDatagram.parse(packet).payload().length);
        }
        TunnelStats stats = connector.stats();
        assertEquals(2, stats.dropped(Drop.BAD_ADDRESS));
        assertEquals(1, stats.dropped(Drop.NO_BRIDGE));
        assertEquals(1, stats.dropped(Drop.OVERSIZE));
        assertEquals(1, stats.dropped(Drop.ENDPOINT_MISMATCH));
        assertEquals(1, stats.sent());
        assertEquals(0L, stats.snapshot().get("dropped.send_failed"));
    }

    @Test
    void stopsAndRestarts() throws Exception {
        start(TunnelConfig.of(LOOPBACK_ANY_PORT));
        connector.stop();
        assertFalse(connector.isRunning());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("sixjoin-tunnel-rx-") && t.isAlive()), "receiver thread ended");
        connector.start();
        assertTrue(connector.isRunning());
        try (FakeBridge bridge = new FakeBridge(connector.getAddress())) {
            bridge.sendFromMote(MOTE, 6000, JRC, new byte[] {0x50, 0x01, 0, 1});
            assertTrue(inbound.poll(5, TimeUnit.SECONDS) != null);
        }
    }

    private RecordingCallback send(InetSocketAddress to, byte[] coap) {
        RecordingCallback callback = new RecordingCallback();
        connector.send(RawData.outbound(coap, new UdpEndpointContext(to), callback, false));
        return callback;
    }

    /** Records callbacks in order: "context", "sent", or the error itself. */
    private static final class RecordingCallback implements MessageCallback {
        final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onConnecting() {
        }

        @Override
        public void onDtlsRetransmission(int flight) {
        }

        @Override
        public void onContextEstablished(EndpointContext context) {
            events.add("context");
        }

        @Override
        public void onSent() {
            events.add("sent");
        }

        @Override
        public void onError(Throwable error) {
            events.add(error);
        }
    }
}
