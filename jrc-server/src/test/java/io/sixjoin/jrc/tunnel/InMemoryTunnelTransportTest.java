package io.sixjoin.jrc.tunnel;

import static io.sixjoin.jrc.tunnel.FakeBridge.await;
import static io.sixjoin.jrc.tunnel.FakeBridge.coap;
import static io.sixjoin.jrc.tunnel.FakeBridge.coapGet;
import static io.sixjoin.jrc.tunnel.FakeBridge.packet;
import static io.sixjoin.jrc.tunnel.FakeBridge.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sixjoin.jrc.tunnel.TunnelStats.Drop;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;

/**
 * The tunnel connector over {@link InMemoryTunnelTransport}: the same mote-facing behaviour as over UDP, with
 * bridges named by id instead of by socket, and bounded queues that drop and count instead of blocking.
 */
@Timeout(30)
class InMemoryTunnelTransportTest {
    private static final Inet6Address MOTE_A = v6("bbbb::2:2");
    private static final Inet6Address JRC_A = v6("bbbb::1");
    private static final Inet6Address MOTE_B = v6("cccc::3:3");
    private static final Inet6Address JRC_B = v6("cccc::1415:92cc:0:1");
    private static final TunnelConfig CONFIG =
            TunnelConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

    private final List<InetSocketAddress> peersSeen = new CopyOnWriteArrayList<>();
    private TunnelConnector connector;
    private CoapEndpoint endpoint;
    private CoapServer server;

    private final List<InMemoryTunnelTransport.Attachment> attachments = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        attachments.forEach(InMemoryTunnelTransport.Attachment::close);
        if (server != null) {
            server.destroy();
        } else if (connector != null) {
            connector.destroy();
        }
    }

    private InMemoryTunnelTransport serve(int queueCapacity) throws Exception {
        InMemoryTunnelTransport transport = new InMemoryTunnelTransport(queueCapacity);
        Configuration cfg = io.sixjoin.stack.oscore.CaliforniumConfig.create();
        connector = new TunnelConnector(CONFIG, transport);
        endpoint = new CoapEndpoint.Builder().setConnector(connector).setConfiguration(cfg).build();
        server = new CoapServer(cfg);
        server.addEndpoint(endpoint);
        server.add(new CoapResource("peer") {
            @Override
            public void handleGET(CoapExchange exchange) {
                InetSocketAddress peer = exchange.getSourceSocketAddress();
                peersSeen.add(peer);
                exchange.respond(CoAP.ResponseCode.CONTENT, "[" + peer.getAddress().getHostAddress() + "]:"
                        + peer.getPort());
            }
        });
        server.start();
        return transport;
    }

    private InMemoryTunnelTransport.Attachment attach(InMemoryTunnelTransport transport, String id,
            java.util.function.Consumer<byte[]> downstream) {
        InMemoryTunnelTransport.Attachment attachment = transport.attach(id, downstream);
        attachments.add(attachment);
        return attachment;
    }

    private static Ipv6Packet next(BlockingQueue<byte[]> down) throws Exception {
        byte[] bytes = down.poll(5, TimeUnit.SECONDS);
        assertNotNull(bytes, "a packet came down within 5 s");
        return Ipv6Packet.parse(bytes);
    }

    @Test
    void theResourceSeesTheMoteAndTheAnswerGoesDownToItsBridge() throws Exception {
        InMemoryTunnelTransport transport = serve(16);
        BlockingQueue<byte[]> down = new LinkedBlockingQueue<>();
        List<Thread> callers = new CopyOnWriteArrayList<>();
        InMemoryTunnelTransport.Attachment a = attach(transport, "a", p -> {
            callers.add(Thread.currentThread());
            down.add(p);
        });
        assertEquals("a", a.bridgeId());
        assertTrue(transport.deliverFromBridge("a", packet(MOTE_A, 5683, JRC_A, 5683, coapGet("peer", 0x1001))));
        Ipv6Packet answer = next(down);

        assertEquals(List.of(new InetSocketAddress(MOTE_A, 5683)), peersSeen);
        assertEquals(JRC_A, answer.source());
        assertEquals(MOTE_A, answer.destination());
        assertEquals(TunnelConnector.HOP_LIMIT, answer.hopLimit());
        assertEquals(5683, UdpDatagram.parse(answer).destinationPort());
        assertEquals(0x1001, coap(answer).getMID());
        assertEquals("[" + MOTE_A.getHostAddress() + "]:5683", coap(answer).getPayloadString());
        assertEquals("sixjoin-tunnel-down-a", callers.get(0).getName(), "delivered on the bridge's own thread");
        await(() -> connector.stats().delivered() == 1 && connector.stats().sent() == 1);
        assertThrows(IllegalStateException.class, () -> transport.attach("a", p -> { }), "one id, one bridge");
    }

    @Test
    void twoBridgesWithDifferentPrefixesEachGetTheirOwnTraffic() throws Exception {
        InMemoryTunnelTransport transport = serve(16);
        BlockingQueue<byte[]> downA = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> downB = new LinkedBlockingQueue<>();
        attach(transport, "a", downA::add);
        attach(transport, "b", downB::add);
        transport.deliverFromBridge("a", packet(MOTE_A, 5683, JRC_A, 5683, coapGet("peer", 0x2001)));
        transport.deliverFromBridge("b", packet(MOTE_B, 61616, JRC_B, 5683, coapGet("peer", 0x2001)));
        Ipv6Packet toA = next(downA);
        Ipv6Packet toB = next(downB);
        assertEquals(MOTE_A, toA.destination());
        assertEquals(MOTE_B, toB.destination());
        assertEquals(JRC_B, toB.source());
        assertEquals(61616, UdpDatagram.parse(toB).destinationPort());

        Request update = Request.newPost();
        update.setType(CoAP.Type.NON);
        update.setURI("coap://[cccc::9:9]/j"); // silent node in B's PAN: found by its /64
        update.setPayload("parameter update");
        endpoint.sendRequest(update);
        Ipv6Packet toSilent = next(downB);
        assertEquals(v6("cccc::9:9"), toSilent.destination());
        assertEquals("parameter update", coap(toSilent).getPayloadString());
        assertNull(downA.poll(200, TimeUnit.MILLISECONDS), "nothing misrouted to A");
        assertNull(downB.poll(200, TimeUnit.MILLISECONDS), "nothing twice to B");
        assertEquals(2, connector.knownPrefixes());
    }

    @Test
    void unknownDestinationsAndDetachedBridgesAreCounted() throws Exception {
        InMemoryTunnelTransport transport = serve(16);
        BlockingQueue<byte[]> down = new LinkedBlockingQueue<>();
        InMemoryTunnelTransport.Attachment a = attach(transport, "a", down::add);
        transport.deliverFromBridge("a", packet(MOTE_A, 5683, JRC_A, 5683, coapGet("peer", 0x3001)));
        next(down);

        Request lost = Request.newPost();
        lost.setType(CoAP.Type.NON);
        lost.setURI("coap://[dddd::1]/j");
        endpoint.sendRequest(lost);
        await(() -> lost.getSendError() != null);
        assertEquals(1, connector.stats().dropped(Drop.NO_BRIDGE));

        a.close();
        Request gone = Request.newPost();
        gone.setType(CoAP.Type.NON);
        gone.setURI("coap://[bbbb::2:2]/j");
        endpoint.sendRequest(gone);
        await(() -> gone.getSendError() != null);
        assertTrue(gone.getSendError().getMessage().contains("inproc:a"), gone.getSendError().getMessage());
        assertEquals(1, connector.stats().dropped(Drop.SEND_FAILED));
    }

    @Test
    void fullQueuesDropAndCountInBothDirections() throws Exception {
        InMemoryTunnelTransport transport = new InMemoryTunnelTransport(1);
        connector = new TunnelConnector(CONFIG, () -> 0L, transport);
        CountDownLatch receiving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        connector.setRawDataReceiver(raw -> {
            receiving.countDown();
            awaitQuietly(release); // a JRC that has stalled
        });
        assertFalse(transport.deliverFromBridge("a", new byte[48]), "nothing is taken before start");
        connector.start();

        byte[] up = packet(MOTE_A, 5683, JRC_A, 5683, coapGet("peer", 0x4001));
        assertTrue(transport.deliverFromBridge("a", up));
        assertTrue(receiving.await(5, TimeUnit.SECONDS));
        assertTrue(transport.deliverFromBridge("a", up), "one queue slot");
        assertFalse(transport.deliverFromBridge("a", up), "no room left: dropped, never blocking the bridge");
        assertEquals(1, connector.stats().dropped(Drop.QUEUE_FULL));
        release.countDown();
        await(() -> connector.stats().delivered() == 2);
        assertEquals(3, connector.stats().received(), "the dropped one was received and dropped, once");

        CountDownLatch taking = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        attach(transport, "a", p -> {
            taking.countDown();
            awaitQuietly(resume); // a bridge whose event loop is busy
        });
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        RawData first = outbound(outcomes);
        connector.send(first);
        assertTrue(taking.await(5, TimeUnit.SECONDS));
        connector.send(outbound(outcomes));
        connector.send(outbound(outcomes));
        assertEquals(List.of("sent", "sent"), outcomes.subList(0, 2));
        assertTrue(outcomes.get(2) instanceof java.io.IOException, String.valueOf(outcomes));
        assertEquals(2, connector.stats().dropped(Drop.QUEUE_FULL));
        assertEquals(2, connector.stats().sent());
        resume.countDown();
    }

    private static RawData outbound(List<Object> outcomes) {
        return RawData.outbound(new byte[] {0x50, 0x02, 0, 1}, new UdpEndpointContext(new InetSocketAddress(MOTE_A,
                5683)), new org.eclipse.californium.elements.MessageCallback() {
                    @Override
                    public void onConnecting() {
                    }

                    @Override
                    public void onDtlsRetransmission(int flight) {
                    }

                    @Override
                    public void onContextEstablished(org.eclipse.californium.elements.EndpointContext context) {
                    }

                    @Override
                    public void onSent() {
                        outcomes.add("sent");
                    }

                    @Override
                    public void onError(Throwable error) {
                        outcomes.add(error);
                    }
                }, false);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
