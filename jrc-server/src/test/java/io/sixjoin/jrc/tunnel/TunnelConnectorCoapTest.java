package io.sixjoin.jrc.tunnel;

import static io.sixjoin.jrc.tunnel.FakeBridge.await;
import static io.sixjoin.jrc.tunnel.FakeBridge.coap;
import static io.sixjoin.jrc.tunnel.FakeBridge.coapGet;
import static io.sixjoin.jrc.tunnel.FakeBridge.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;

/**
 * A real Californium {@link CoapServer} on a {@link TunnelConnector}, driven by fake bridges over loopback:
 * the resource must see motes, not bridges, and answers, JRC-initiated requests and drops must follow the
 * routes the tunnel learnt.
 */
@Timeout(30)
class TunnelConnectorCoapTest {
    private static final Inet6Address MOTE_A = v6("bbbb::2:2");
    private static final Inet6Address JRC_A = v6("bbbb::1");
    private static final Inet6Address MOTE_B = v6("cccc::3:3");
    private static final Inet6Address JRC_B = v6("cccc::1415:92cc:0:1"); // an OpenWSN-style DODAG root address

    private final List<InetSocketAddress> peersSeen = new CopyOnWriteArrayList<>();
    private TunnelConnector connector;
    private CoapEndpoint endpoint;
    private CoapServer server;

    /** Answers with the peer Californium reported, as "[address]:port". */
    private final class PeerResource extends CoapResource {
        PeerResource() {
            super("peer");
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            InetSocketAddress peer = exchange.getSourceSocketAddress();
            peersSeen.add(peer);
            exchange.respond(CoAP.ResponseCode.CONTENT, format(peer));
        }
    }

    private static String format(InetSocketAddress peer) {
        return "[" + peer.getAddress().getHostAddress() + "]:" + peer.getPort();
    }

    @BeforeEach
    void startServer() throws Exception {
        Configuration cfg = io.sixjoin.stack.oscore.CaliforniumConfig.create();
        connector = new TunnelConnector(TunnelConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        endpoint = new CoapEndpoint.Builder().setConnector(connector).setConfiguration(cfg).build();
        server = new CoapServer(cfg);
        server.addEndpoint(endpoint);
        server.add(new PeerResource());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.destroy();
    }

    @Test
    void resourceSeesTheMoteAndTheAnswerReturnsFromTheAddressItUsed() throws Exception {
        try (FakeBridge bridge = new FakeBridge(connector.getAddress())) {
            bridge.sendFromMote(MOTE_A, 5683, JRC_A, coapGet("peer", 0x1001));
            Ipv6Packet answer = bridge.receive();

            assertEquals(List.of(new InetSocketAddress(MOTE_A, 5683)), peersSeen);
            assertEquals(JRC_A, answer.source());
            assertEquals(MOTE_A, answer.destination());
            assertEquals(TunnelConnector.HOP_LIMIT, answer.hopLimit());
            UdpDatagram udp = UdpDatagram.parse(answer); // verifies the checksum
            assertEquals(5683, udp.sourcePort());
            assertEquals(5683, udp.destinationPort());
            Response response = assertInstanceOf(Response.class, coap(answer));
            assertEquals(CoAP.ResponseCode.CONTENT, response.getCode());
            assertEquals(0x1001, response.getMID());
            assertEquals("[" + MOTE_A.getHostAddress() + "]:5683", response.getPayloadString());
            await(() -> connector.stats().delivered() == 1);
            await(() -> connector.stats().sent() == 1);
        }
    }

    @Test
    void twoBridgesEachGetTheirOwnMotesAnswers() throws Exception {
        try (FakeBridge a = new FakeBridge(connector.getAddress());
                FakeBridge b = new FakeBridge(connector.getAddress())) {
            a.sendFromMote(MOTE_A, 5683, JRC_A, coapGet("peer", 0x2001));
            b.sendFromMote(MOTE_B, 61616, JRC_B, coapGet("peer", 0x2001)); // same MID: distinct peers

            Ipv6Packet toA = a.receive();
            Ipv6Packet toB = b.receive();
            assertEquals(MOTE_A, toA.destination());
            assertEquals(JRC_A, toA.source());
            assertEquals("[" + MOTE_A.getHostAddress() + "]:5683", coap(toA).getPayloadString());
            assertEquals(MOTE_B, toB.destination());
            assertEquals(JRC_B, toB.source());
            assertEquals(61616, UdpDatagram.parse(toB).destinationPort());
            assertEquals("[" + MOTE_B.getHostAddress() + "]:61616", coap(toB).getPayloadString());
            assertTrue(a.poll(200).isEmpty(), "bridge A got a second packet");
            assertTrue(b.poll(200).isEmpty(), "bridge B got a second packet");
        }
    }

    @Test
    void jrcInitiatedRequestsFollowThePrefixAndUnknownMotesFail() throws Exception {
        try (FakeBridge a = new FakeBridge(connector.getAddress());
                FakeBridge b = new FakeBridge(connector.getAddress())) {
            a.sendFromMote(MOTE_A, 5683, JRC_A, coapGet("peer", 0x3001));
            b.sendFromMote(MOTE_B, 5683, JRC_B, coapGet("peer", 0x3001));
            a.receive();
            b.receive();

            Request update = Request.newPost();
            update.setType(CoAP.Type.NON);
            update.setURI("coap://[cccc::9:9]/j"); // a node in B's PAN that has never talked to us
            update.setPayload("parameter update");
            endpoint.sendRequest(update);
            Ipv6Packet toB = b.receive();
            assertEquals(v6("cccc::9:9"), toB.destination());
            assertEquals(JRC_B, toB.source(), "sent from the address B's motes use for the JRC");
            Message message = coap(toB);
            assertInstanceOf(Request.class, message);
            assertEquals("parameter update", message.getPayloadString());
            assertTrue(a.poll(200).isEmpty());

            Request lost = Request.newPost();
            lost.setType(CoAP.Type.NON);
            lost.setURI("coap://[dddd::1]/j");
            endpoint.sendRequest(lost);
            await(() -> lost.getSendError() != null);
            assertTrue(lost.getSendError().getMessage().contains("no bridge knows dddd:0:0:0:0:0:0:1"),
                    lost.getSendError().getMessage());
            assertEquals(1, connector.stats().dropped(TunnelStats.Drop.NO_BRIDGE));
        }
    }

    @Test
    void malformedDatagramsAreCountedAndTheConnectorCarriesOn() throws Exception {
        try (FakeBridge bridge = new FakeBridge(connector.getAddress())) {
            byte[] good = FakeBridge.packet(MOTE_A, 5683, JRC_A, 5683, coapGet("peer", 0x4001));
            byte[] badChecksum = good.clone();
            badChecksum[badChecksum.length - 1] ^= 0x40;
            bridge.sendRaw(new byte[] {0x45, 0, 0, 20}); // an IPv4 header start
            bridge.sendRaw(badChecksum);
            bridge.sendRaw(new byte[3000]);
            bridge.sendRaw(FakeBridge.packet(MOTE_A, 5683, JRC_A, 9999, coapGet("peer", 0x4002)));
            bridge.sendRaw(new byte[0]);
            bridge.sendRaw(good);

            Ipv6Packet answer = bridge.receive();
            assertEquals(0x4001, coap(answer).getMID());
            await(() -> connector.stats().received() == 6);
            TunnelStats stats = connector.stats();
            assertEquals(1, stats.dropped(TunnelStats.Drop.OVERSIZE));
            assertEquals(1, stats.dropped(TunnelStats.Drop.WRONG_PORT));
            assertEquals(3, stats.dropped(TunnelStats.Drop.MALFORMED));
            assertEquals(1, stats.malformed(io.sixjoin.stack.ipv6.Ipv6FormatException.Reason.BAD_CHECKSUM));
            assertEquals(2, stats.malformed(io.sixjoin.stack.ipv6.Ipv6FormatException.Reason.TRUNCATED));
            await(() -> stats.delivered() == 1);
            assertTrue(connector.isRunning());
        }
    }
}
