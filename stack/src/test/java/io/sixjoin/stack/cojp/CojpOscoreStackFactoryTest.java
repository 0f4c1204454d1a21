package io.sixjoin.stack.cojp;

import static io.sixjoin.stack.oscore.OscoreTestMessages.HEX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.ExtendedCoapStackFactory;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.oscore.HashMapCtxDB;
import org.eclipse.californium.oscore.OSCoreCoapStackFactory;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OSCoreResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.sixjoin.stack.oscore.CaliforniumConfig;
import io.sixjoin.stack.oscore.OscoreTestMessages;

/**
 * Californium issue #2294 on a real UDP loopback endpoint: the same protected CON Join Request datagram is sent
 * twice, as a pledge does when the Join Response is lost. With {@link CojpOscoreStackFactory} the JRC answers
 * both copies with the same protected ACK 2.04 and runs the resource once; cf-oscore's own factory answers the
 * retransmission with RST, which is why we need ours. Also checks that building all this never makes Californium
 * write its properties file.
 */
class CojpOscoreStackFactoryTest {
    private static final PreSharedKey PSK = PreSharedKey.parse("0102030405060708090a0b0c0d0e0f10");
    private static final PledgeId PLEDGE = PledgeId.parse("00124b0014b5d2a1");
    private static final byte[] JOIN_REQUEST = HEX.parseHex("a10542cafe");
    private static final byte[] CONFIGURATION = HEX.parseHex("a202820150e6bf4287c2d7618d6a9687445ffd33e6038142af93");
    private static final File PROPERTIES = new File(CaliforniumConfig.PROPERTIES_FILE_NAME);

    private final Configuration config = CojpOscoreProfile.joinTimeConfiguration();
    private final AtomicInteger resourceRuns = new AtomicInteger();

    @BeforeAll
    static void noStalePropertiesFile() {
        // A file left by an earlier, unrelated run would make the "never created" check meaningless.
        PROPERTIES.delete();
    }

    private CoapServer jrc(ExtendedCoapStackFactory factory) {
        HashMapCtxDB db = new HashMapCtxDB();
        db.addContext(CojpOscoreProfile.jrcContext(PSK, PLEDGE));
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setCoapStackFactory(factory).setCustomCoapStackArgument(db).build();
        CoapServer server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(new OSCoreResource(CojpOscoreProfile.URI_PATH, true) {
            @Override
            public void handlePOST(CoapExchange exchange) {
                resourceRuns.incrementAndGet();
                exchange.respond(ResponseCode.CHANGED, CONFIGURATION);
            }
        });
        server.start();
        return server;
    }

    private static int port(CoapServer server) {
        return server.getEndpoints().get(0).getAddress().getPort();
    }

    /** A Join Request as a pledge puts it on the air, protected by the pledge's context at SSN 0. */
    private static byte[] protectedJoinRequest(OSCoreCtx pledge) throws Exception {
        Request r = new Request(Code.POST, Type.CON);
        r.setMID(0x4a01);
        r.setToken(HEX.parseHex("5a"));
        r.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
        r.getOptions().setUriPath(CojpOscoreProfile.URI_PATH);
        r.setPayload(JOIN_REQUEST);
        return OscoreTestMessages.serialize(OscoreTestMessages.protect(pledge, r));
    }

    private static byte[] exchange(DatagramSocket socket, byte[] datagram, int port) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        socket.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    private record Replies(byte[] first, byte[] second) {
        Message parsedFirst() {
            return new UdpDataParser().parseMessage(first);
        }

        Message parsedSecond() {
            return new UdpDataParser().parseMessage(second);
        }
    }

    private Replies sendTwice(ExtendedCoapStackFactory factory, OSCoreCtx pledge) throws Exception {
        CoapServer server = jrc(factory);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            byte[] request = protectedJoinRequest(pledge);
            byte[] first = exchange(socket, request, port(server));
            byte[] second = exchange(socket, request, port(server));
            return new Replies(first, second);
        } finally {
            server.destroy();
        }
    }

    @Test
    void retransmittedJoinRequestGetsTheCachedResponse() throws Exception {
        OSCoreCtx pledge = CojpOscoreProfile.pledgeContext(PSK, PLEDGE);
        Replies replies = sendTwice(new CojpOscoreStackFactory(), pledge);

        Response first = assertInstanceOf(Response.class, replies.parsedFirst());
        assertEquals(Type.ACK, first.getType());
        assertEquals(ResponseCode.CHANGED, first.getCode());
        assertEquals(0x4a01, first.getMID());
        Response second = assertInstanceOf(Response.class, replies.parsedSecond(), "not a RST");
        assertEquals(Type.ACK, second.getType());
        assertEquals(ResponseCode.CHANGED, second.getCode());
        assertArrayEquals(replies.first(), replies.second(), "the duplicate is answered with the cached bytes");
        assertEquals(1, resourceRuns.get(), "the resource must not run for a duplicate");

        Response plain = OscoreTestMessages.unprotectResponse(pledge, replies.first(), 0);
        assertEquals(ResponseCode.CHANGED, plain.getCode());
        assertArrayEquals(CONFIGURATION, plain.getPayload());
    }

    @Test
    void stockOscoreStackRejectsTheRetransmission() throws Exception {
        Replies replies = sendTwice(new OSCoreCoapStackFactory(), CojpOscoreProfile.pledgeContext(PSK, PLEDGE));
        Response first = assertInstanceOf(Response.class, replies.parsedFirst());
        assertEquals(ResponseCode.CHANGED, first.getCode());
        EmptyMessage second = assertInstanceOf(EmptyMessage.class, replies.parsedSecond(),
                "cf-oscore 3.x replay-checks before deduplicating (#2294); if this fails, upstream fixed it");
        assertEquals(Type.RST, second.getType());
        assertEquals(1, resourceRuns.get());
    }

    @Test
    void pledgeClientJoinsThroughBothEndpointsAndNoPropertiesFileAppears() throws Exception {
        CoapServer server = jrc(new CojpOscoreStackFactory());
        HashMapCtxDB pledgeDb = new HashMapCtxDB();
        CoapEndpoint pledgeEndpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setCoapStackFactory(new CojpOscoreStackFactory()).setCustomCoapStackArgument(pledgeDb).build();
        CoapClient client = new CoapClient();
        try {
            client.setEndpoint(pledgeEndpoint);
            client.setTimeout(5000L);
            int port = port(server);
            // The client's DB is keyed by the request's Uri-Host, so the context follows the JRC name, not the
            // address of whichever Join Proxy the pledge talks to.
            pledgeDb.addContext("coap://" + CojpOscoreProfile.URI_HOST + ":" + port,
                    CojpOscoreProfile.pledgeContext(PSK, PLEDGE));
            Request request = Request.newPost();
            request.setURI("coap://127.0.0.1:" + port + "/" + CojpOscoreProfile.URI_PATH);
            request.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
            request.getOptions().setOscore(Bytes.EMPTY);
            request.setPayload(JOIN_REQUEST);
            CoapResponse response = client.advanced(request);
            assertNotNull(response, "no response within 5 s");
            assertEquals(ResponseCode.CHANGED, response.getCode());
            assertArrayEquals(CONFIGURATION, response.getPayload());
            assertEquals(1, resourceRuns.get());
        } finally {
            client.shutdown();
            pledgeEndpoint.destroy();
            server.destroy();
        }
        assertFalse(PROPERTIES.exists(), "something reached Configuration.getStandard(): " + PROPERTIES.getAbsolutePath());
    }
}
