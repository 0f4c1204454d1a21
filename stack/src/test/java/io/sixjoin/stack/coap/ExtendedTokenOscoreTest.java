package io.sixjoin.stack.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.oscore.HashMapCtxDB;
import org.eclipse.californium.oscore.OSCoreResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.CojpOscoreStackFactory;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;

/**
 * The JRC case proper: an OSCORE-protected Join Request whose CoAP token is a Join Proxy state object longer than
 * 8 bytes, sent NON as RFC 9031 section 7.1 requires, through the CoJP OSCORE stack on endpoints from
 * {@link CoapEndpoints}. cf-oscore keys its per-request context on the {@code Token}, so this shows that the
 * surrogate scheme holds there too, and that the protected response carries the state object back unchanged.
 */
class ExtendedTokenOscoreTest {
    private static final PreSharedKey PSK = PreSharedKey.parse("0102030405060708090a0b0c0d0e0f10");
    private static final PledgeId PLEDGE = PledgeId.parse("00124b0014b5d2a1");
    private static final byte[] JOIN_REQUEST = HexFormat.of().parseHex("a10542cafe");
    private static final byte[] CONFIGURATION = HexFormat.of().parseHex("a202820150e6bf4287c2d7618d6a9687");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Configuration config = CojpOscoreProfile.joinTimeConfiguration();
    private final AtomicInteger joins = new AtomicInteger();

    @ParameterizedTest(name = "state token of {0} bytes")
    @ValueSource(ints = {8, 9, 64, 300})
    void protectedJoinRequestWithStateTokenIsAnsweredWithTheSameToken(int tokenLength) throws Exception {
        HashMapCtxDB jrcDb = new HashMapCtxDB();
        jrcDb.addContext(CojpOscoreProfile.jrcContext(PSK, PLEDGE));
        CoapEndpoint jrcEndpoint = CoapEndpoints.udpBuilder(config, new InetSocketAddress(LOOPBACK, 0))
                .setCoapStackFactory(new CojpOscoreStackFactory()).setCustomCoapStackArgument(jrcDb).build();
        CoapServer jrc = new CoapServer(config);
        jrc.addEndpoint(jrcEndpoint);
        jrc.add(new OSCoreResource(CojpOscoreProfile.URI_PATH, true) {
            @Override
            public void handlePOST(CoapExchange exchange) {
                joins.incrementAndGet();
                exchange.respond(ResponseCode.CHANGED, CONFIGURATION);
            }
        });
        jrc.start();

        HashMapCtxDB proxyDb = new HashMapCtxDB();
        CoapEndpoint proxyEndpoint = CoapEndpoints.udpBuilder(config, new InetSocketAddress(LOOPBACK, 0))
                .setCoapStackFactory(new CojpOscoreStackFactory()).setCustomCoapStackArgument(proxyDb).build();
        AtomicReference<byte[]> datagram = new AtomicReference<>();
        proxyEndpoint.addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void receiveResponse(Response response) {
                datagram.set(response.getBytes());
            }
        });
        CoapClient client = new CoapClient();
        try {
            client.setEndpoint(proxyEndpoint);
            client.setTimeout(5000L);
            int port = jrcEndpoint.getAddress().getPort();
            proxyDb.addContext("coap://" + CojpOscoreProfile.URI_HOST + ":" + port,
                    CojpOscoreProfile.pledgeContext(PSK, PLEDGE));

            byte[] state = new byte[tokenLength];
            new Random(tokenLength).nextBytes(state);
            // RFC 9031 section 7.1: the stateless Join Proxy forwards as NON, whatever the pledge sent.
            Request request = new Request(Code.POST, Type.NON);
            request.setURI("coap://" + LOOPBACK.getHostAddress() + ":" + port + "/" + CojpOscoreProfile.URI_PATH);
            request.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
            request.getOptions().setOscore(Bytes.EMPTY);
            request.setToken(ExtendedToken.of(state));
            request.setPayload(JOIN_REQUEST);

            CoapResponse response = client.advanced(request);
            assertNotNull(response, "no response within 5 s");
            assertEquals(ResponseCode.CHANGED, response.getCode());
            assertArrayEquals(CONFIGURATION, response.getPayload(), "OSCORE-decrypted Join Response");
            assertArrayEquals(state, ExtendedToken.wireBytes(response.advanced().getToken()));
            assertEquals(tokenLength > 8, response.advanced().getToken() instanceof ExtendedToken);
            assertEquals(1, joins.get());
            // The response datagram as it came off the wire (before OSCORE): the JRC echoed the state object itself.
            byte[] wire = datagram.get();
            assertNotNull(wire);
            assertEquals(Type.NON, new ExtendedTokenUdpDataParser().parseMessage(wire).getType());
            assertArrayEquals(state,
                    ExtendedToken.wireBytes(new ExtendedTokenUdpDataParser().parseMessage(wire).getToken()));
            assertInstanceOf(ExtendedTokenUdpDataParser.class, CoapEndpoints.parser(config, null));
        } finally {
            client.shutdown();
            proxyEndpoint.destroy();
            jrc.destroy();
        }
    }
}
