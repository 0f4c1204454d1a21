package io.sixjoin.stack.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MalformedMessageInterceptor;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sixjoin.stack.oscore.CaliforniumConfig;

/**
 * A JRC-like Californium server on UDP loopback, driven by a raw socket the way a stateless Join Proxy would
 * drive it: extended tokens must reach the resource and come back unchanged; a stock endpoint drops them.
 */
class ExtendedTokenEndToEndTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Uri-Path "join": option delta 11, length 4. */
    private static final String URI_PATH_JOIN = "b4" + HEX.formatHex("join".getBytes(StandardCharsets.US_ASCII));

    private final Configuration config = CaliforniumConfig.create();
    private final AtomicInteger posts = new AtomicInteger();
    private CoapServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    @ParameterizedTest(name = "NON POST with a {0}-byte token")
    @ValueSource(ints = {20, 300})
    void nonRequestGetsItsTokenBack(int tokenLength) throws IOException {
        int port = start(CoapEndpoints.udp(config, new InetSocketAddress(LOOPBACK, 0)));
        byte[] token = randomToken(tokenLength);
        try (DatagramSocket socket = client()) {
            send(socket, port, request(0x50, 0x0A01, token, "hello"));
            byte[] reply = receive(socket);
            int offset = tokenLength < 269 ? 5 : 6;
            // NON response (Ver 1 / NON), code 2.04, the server's own MID, then our token byte for byte.
            assertEquals(0x50, reply[0] & 0xF0);
            assertEquals(0x44, reply[1] & 0xFF);
            assertArrayEquals(token, Arrays.copyOfRange(reply, offset, offset + tokenLength));
            Message response = new ExtendedTokenUdpDataParser().parseMessage(reply);
            assertArrayEquals(token, ExtendedToken.wireBytes(response.getToken()));
            assertEquals("hello", response.getPayloadString());
        }
    }

    @Test
    void tokensBeyondTheDatagramSizeNeedALargerConfiguredDatagram() throws IOException {
        byte[] token = randomToken(3000);
        byte[] datagram = request(0x50, 0x0E01, token, "big");
        int port = start(CoapEndpoints.udp(config, new InetSocketAddress(LOOPBACK, 0)));
        try (DatagramSocket socket = client()) {
            // 3 kB exceed Californium's default 2048-byte UDP_DATAGRAM_SIZE: the connector drops it unparsed.
            socket.setSoTimeout(700);
            send(socket, port, datagram);
            assertThrows(SocketTimeoutException.class, () -> receive(socket));
        }
        stop();
        Configuration larger = CoapEndpoints.forTokensUpTo(config, 3000);
        assertEquals(2048 + 2 + 3000, larger.get(UdpConfig.UDP_DATAGRAM_SIZE));
        assertEquals(2048, config.get(UdpConfig.UDP_DATAGRAM_SIZE), "base configuration untouched");
        port = start(CoapEndpoints.udp(larger, new InetSocketAddress(LOOPBACK, 0)));
        try (DatagramSocket socket = client()) {
            send(socket, port, datagram);
            Message response = new ExtendedTokenUdpDataParser().parseMessage(receive(socket));
            assertArrayEquals(token, ExtendedToken.wireBytes(response.getToken()));
        }
        assertEquals(CoapEndpoints.MAX_UDP_PAYLOAD,
                CoapEndpoints.forTokensUpTo(config, ExtendedToken.MAX_LENGTH).get(UdpConfig.UDP_DATAGRAM_SIZE));
        assertThrows(IllegalArgumentException.class,
                () -> CoapEndpoints.forTokensUpTo(config, ExtendedToken.MAX_LENGTH + 1));
    }

    @Test
    void conRequestGetsPiggybackedAckWithItsToken() throws IOException {
        int port = start(CoapEndpoints.udp(config, new InetSocketAddress(LOOPBACK, 0)));
        byte[] token = randomToken(300);
        try (DatagramSocket socket = client()) {
            send(socket, port, request(0x40, 0x0B02, token, "con"));
            byte[] reply = receive(socket);
            // 0x6E = Ver 1 / ACK / TKL 14; 2.04; MID 0x0B02 echoed; extended length 300 - 269 = 0x001F.
            assertEquals("6e440b02001f", HEX.formatHex(reply, 0, 6));
            assertArrayEquals(token, Arrays.copyOfRange(reply, 6, 306));
        }
    }

    @Test
    void retransmittedConIsAnsweredByTheDeduplicator() throws IOException {
        int port = start(CoapEndpoints.udp(config, new InetSocketAddress(LOOPBACK, 0)));
        byte[] datagram = request(0x40, 0x0B03, randomToken(40), "twice");
        try (DatagramSocket socket = client()) {
            send(socket, port, datagram);
            byte[] first = receive(socket);
            send(socket, port, datagram);
            byte[] second = receive(socket);
            // Same MID and token: Californium must recognise the duplicate and replay its ACK, not run POST again.
            assertArrayEquals(first, second);
            assertEquals(1, posts.get());
        }
    }

    @Test
    void malformedHeadersAreResetOrDroppedAndCounted() throws Exception {
        CoapEndpoint endpoint = CoapEndpoints.udp(config, new InetSocketAddress(LOOPBACK, 0));
        AtomicInteger malformed = new AtomicInteger();
        endpoint.addPostProcessInterceptor(new Counter(malformed));
        int port = start(endpoint);
        try (DatagramSocket socket = client()) {
            send(socket, port, HEX.parseHex("4f020c03" + "00".repeat(20)));
            // TKL 15 on a CON: RST (0x70), code 0.00, same MID, nothing else.
            assertEquals("70000c03", HEX.formatHex(receive(socket)));
            // TKL 14 on a NON with one extended length byte: silently dropped.
            send(socket, port, HEX.parseHex("5e020c0401"));
            socket.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, () -> receive(socket));
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (malformed.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, malformed.get(), "both datagrams reach Californium's malformed-message accounting");
    }

    /** Counts what the endpoint reports as malformed, the hook Californium's health statistics use too. */
    private static final class Counter extends MessageInterceptorAdapter implements MalformedMessageInterceptor {
        private final AtomicInteger count;

        Counter(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public void receivedMalformedMessage(RawData message) {
            count.incrementAndGet();
        }
    }

    @Test
    void californiumClientCanUseExtendedTokensToo() throws Exception {
        int port = start(CoapEndpoints.udp(config, new InetSocketAddress(LOOPBACK, 0)));
        CoapEndpoint clientEndpoint = CoapEndpoints.udp(config, new InetSocketAddress(LOOPBACK, 0));
        CoapClient client = new CoapClient("coap://" + LOOPBACK.getHostAddress() + ":" + port + "/join");
        try {
            client.setEndpoint(clientEndpoint);
            client.setTimeout(5000L);
            byte[] token = randomToken(100);
            Request request = Request.newPost();
            request.setToken(ExtendedToken.of(token));
            request.setPayload("via californium");
            CoapResponse response = client.advanced(request);
            assertNotNull(response, "no response matched to the extended-token request");
            assertEquals(CoAP.ResponseCode.CHANGED, response.getCode());
            assertArrayEquals(token, ExtendedToken.wireBytes(response.advanced().getToken()));
        } finally {
            client.shutdown();
            clientEndpoint.destroy();
        }
    }

    @Test
    void stockEndpointDropsExtendedTokens() throws IOException {
        CoapEndpoint stock = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(LOOPBACK, 0)).build();
        int port = start(stock);
        try (DatagramSocket socket = client()) {
            // Control: an 8-byte token is answered, so the silence below is not a broken test setup.
            send(socket, port, request(0x50, 0x0D01, randomToken(8), "short"));
            assertEquals(0x58, receive(socket)[0] & 0xFF);

            send(socket, port, request(0x50, 0x0D02, randomToken(20), "non"));
            send(socket, port, request(0x40, 0x0D03, randomToken(300), "con"));
            // Californium treats TKL > 8 as a non-CoAP datagram: no response and not even a RST for the CON.
            socket.setSoTimeout(700);
            assertThrows(SocketTimeoutException.class, () -> receive(socket));
        }
    }

    private int start(CoapEndpoint endpoint) {
        server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(new CoapResource("join") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                posts.incrementAndGet();
                exchange.respond(CoAP.ResponseCode.CHANGED, exchange.getRequestPayload());
            }
        });
        server.start();
        return endpoint.getAddress().getPort();
    }

    /** A POST to /join, built by hand so the test does not depend on the serializer under test. */
    private static byte[] request(int typeBits, int mid, byte[] token, String payload) {
        int length = token.length;
        String tklAndExtension;
        if (length <= 12) {
            tklAndExtension = String.format("%x", length);
        } else if (length <= 268) {
            tklAndExtension = "d";
        } else {
            tklAndExtension = "e";
        }
        String extension = length <= 12 ? "" : length <= 268 ? String.format("%02x", length - 13)
                : String.format("%04x", length - 269);
        String header = String.format("%x", typeBits >> 4) + tklAndExtension + "02" + String.format("%04x", mid);
        return HEX.parseHex(header + extension + HEX.formatHex(token) + URI_PATH_JOIN + "ff"
                + HEX.formatHex(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] randomToken(int length) {
        byte[] token = new byte[length];
        new Random(length).nextBytes(token);
        return token;
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(DatagramSocket socket, int port, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress(LOOPBACK, port)));
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[CoapEndpoints.MAX_UDP_PAYLOAD];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
