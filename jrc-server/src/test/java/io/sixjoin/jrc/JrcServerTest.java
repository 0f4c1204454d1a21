package io.sixjoin.jrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.Role;
import io.sixjoin.cbor.cojp.UnsupportedCode;
import io.sixjoin.cbor.cojp.UnsupportedParameter;
import io.sixjoin.jrc.JrcStats.Event;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.join.JrcProfile;
import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange.Answer;
import io.sixjoin.stack.cojp.PledgeJoinExchange.Protected;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JRC over real UDP loopback, against pledges that build their datagrams with cf-oscore. */
class JrcServerTest {
    static final String NODE = "00124b0014b5d2a1";
    static final String LBR = "00124b0000000001";
    static final String PSK = "0102030405060708090a0b0c0d0e0f10";
    static final String LBR_PSK = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
    static final byte[] NETWORK = HexFormat.of().parseHex("cafe");

    @TempDir
    Path dir;
    JrcServer jrc;
    InetSocketAddress address;

    @BeforeEach
    void start() {
        jrc = startJrc(JrcProfile.RFC9031);
        jrc.store().pledges().add(new ProvisionedPledge(PledgeId.parse(NODE), PreSharedKey.parse(PSK), PledgeRole.NODE));
        jrc.store().pledges().add(new ProvisionedPledge(PledgeId.parse(LBR), PreSharedKey.parse(LBR_PSK),
                PledgeRole.SIX_LBR));
    }

    JrcServer startJrc(JrcProfile profile) {
        JrcConfig c = new JrcConfig(List.of(new InetSocketAddress("127.0.0.1", 0)), Optional.empty(),
                StoreLocation.dataDirectory(dir.resolve("data")), Optional.of("cafe"), profile, false,
                OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), RateLimiter.Limits.NONE);
        JrcServer s = JrcServer.start(c, Clock.systemUTC(), new SecureRandom(), JoinLog.NONE, null);
        address = s.boundAddresses().get(0);
        return s;
    }

    @AfterEach
    void stop() {
        jrc.close();
        assertFalse(Files.exists(Path.of("Californium3.properties")));
    }

    @Test
    void nodeJoinsAndGetsKeysAndAUniqueShortAddress() throws Exception {
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            Answer a = p.join(JoinRequest.of(NETWORK)).orElseThrow();
            Configuration c = assertInstanceOf(Answer.Joined.class, a).configuration().configuration();
            assertEquals(1, c.keySet().orElseThrow().size());
            assertEquals(16, c.keySet().get().get(0).keyValue().length);
            JoinedNode node = jrc.store().nodes().find(PledgeId.parse(NODE)).orElseThrow();
            assertEquals(PledgeRole.NODE, node.role());
            assertEquals(node.shortAddress().value(), c.shortIdentifier().orElseThrow().shortAddress());
            assertEquals(1, jrc.stats().get(Event.JOINED));
        }
    }

    @Test
    void sixLbrJoinsAsSixLbrButANodeMayNot() throws Exception {
        try (UdpPledge lbr = new UdpPledge(LBR, LBR_PSK, address);
                UdpPledge node = new UdpPledge(NODE, PSK, address)) {
            JoinRequest asLbr = new JoinRequest(Optional.of(Role.SIXLBR), NETWORK, Optional.empty());
            assertInstanceOf(Answer.Joined.class, lbr.join(asLbr).orElseThrow());
            assertEquals(PledgeRole.SIX_LBR, jrc.store().nodes().find(PledgeId.parse(LBR)).orElseThrow().role());

            Answer refused = node.join(asLbr).orElseThrow();
            UnsupportedParameter p = assertInstanceOf(Answer.Refused.class, refused).diagnostic().parameters().get(0);
            assertEquals(UnsupportedCode.UNSUPPORTED, p.code());
            assertEquals(1, p.label().value());
            assertArrayEquals(new byte[] {1}, p.addinfo());
        }
    }

    @Test
    void unknownPledgeAndWrongPskAreDroppedSilently() throws Exception {
        try (UdpPledge stranger = new UdpPledge("00124b00deadbeef", PSK, address);
                UdpPledge impostor = new UdpPledge(NODE, "ffffffffffffffffffffffffffffffff", address)) {
            assertTrue(stranger.join(JoinRequest.of(NETWORK)).isEmpty());
            assertTrue(impostor.join(JoinRequest.of(NETWORK)).isEmpty());
        }
        assertEquals(1, jrc.stats().get(Event.DROP_UNKNOWN_PLEDGE));
        assertEquals(1, jrc.stats().get(Event.DROP_DECRYPT_FAILED));
        assertTrue(jrc.store().nodes().find(PledgeId.parse(NODE)).isEmpty());
    }

    @Test
    void wrongNetworkAndMalformedPayloadGetAProtectedDiagnostic() throws Exception {
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            Answer wrong = p.join(JoinRequest.of(new byte[] {(byte) 0xbe, (byte) 0xef})).orElseThrow();
            UnsupportedParameter net = assertInstanceOf(Answer.Refused.class, wrong).diagnostic().parameters().get(0);
            assertEquals(5, net.label().value());
            assertArrayEquals(HexFormat.of().parseHex("42beef"), net.addinfo());
        }
        assertEquals(1, jrc.stats().get(Event.REFUSED));
        assertTrue(jrc.store().nodes().find(PledgeId.parse(NODE)).isEmpty());
    }

    @Test
    void retransmissionGetsTheSameBytesAndAReplayIsDropped() throws Exception {
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            Protected first = p.request(JoinRequest.of(NETWORK), CoAP.Type.CON);
            p.send(first.datagram());
            byte[] answer = p.receive(3000).orElseThrow();
            p.send(first.datagram()); // the pledge did not hear the answer: CoAP retransmission
            byte[] again = p.receive(3000).orElseThrow();
            assertArrayEquals(answer, again);

            // Through a stateless join proxy the copy comes as a NON with a new MID and token: same ciphertext.
            byte[] viaProxy = first.datagram().clone();
            viaProxy[0] = (byte) ((viaProxy[0] & 0xcf) | 0x10); // NON
            viaProxy[2] ^= 0x55; // another Message ID
            p.send(viaProxy);
            byte[] proxied = p.receive(3000).orElseThrow();
            assertInstanceOf(Answer.Joined.class, p.exchange.unprotect(proxied, first.sequence()));
            assertEquals(1, jrc.stats().get(Event.JOINED));

            // A newer request, then the old one replayed with a tampered payload: dropped.
            assertInstanceOf(Answer.Joined.class, p.join(JoinRequest.of(NETWORK)).orElseThrow());
            byte[] forged = first.datagram().clone();
            forged[forged.length - 1] ^= 1;
            forged[3] ^= 0x33; // a new Message ID, or CoAP deduplication would answer from its own cache
            p.send(forged);
            assertTrue(p.receive(500).isEmpty());
        }
    }

    @Test
    void longJoinProxyStateTokenIsEchoed() throws Exception {
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            byte[] state = new byte[40]; // a stateless join proxy's state object (RFC 9031 §7.1, RFC 8974)
            java.util.Arrays.fill(state, (byte) 0x5a);
            Protected r = p.exchange.protect(JoinRequest.of(NETWORK), CoAP.Type.NON, 0x2222,
                    io.sixjoin.stack.coap.ExtendedToken.of(state));
            p.send(r.datagram());
            byte[] answer = p.receive(3000).orElseThrow();
            assertEquals(13, (answer[0] & 0x0f), "TKL 13: one extended length byte");
            assertEquals(40 - 13, answer[4] & 0xff);
            assertArrayEquals(state, java.util.Arrays.copyOfRange(answer, 5, 45));
            assertInstanceOf(Answer.Joined.class, p.exchange.unprotect(answer, r.sequence()));
        }
    }

    @Test
    void stateSurvivesARestart() throws Exception {
        Protected old;
        int shortAddress;
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            old = p.request(JoinRequest.of(NETWORK), CoAP.Type.CON);
            p.send(old.datagram());
            Answer a = p.exchange.unprotect(p.receive(3000).orElseThrow(), old.sequence());
            shortAddress = assertInstanceOf(Answer.Joined.class, a).configuration().configuration()
                    .shortIdentifier().orElseThrow().shortAddress();
        }
        jrc.close();
        jrc = startJrc(JrcProfile.RFC9031);
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            p.send(old.datagram()); // the response cache is gone; the persisted window must still refuse it
            assertTrue(p.receive(500).isEmpty());
            assertEquals(1, jrc.stats().get(Event.DROP_REPLAY));
            p.exchange.setNextSequence(old.sequence() + 1);
            Answer a = p.join(JoinRequest.of(NETWORK)).orElseThrow();
            assertEquals(shortAddress, assertInstanceOf(Answer.Joined.class, a).configuration().configuration()
                    .shortIdentifier().orElseThrow().shortAddress());
        }
    }

    /**
     * A Join Request as openwsn-fw's stateless join proxy forwards it (openwsn-serial.md §3.4–3.5): the pledge's NON
     * POST with a 1-byte token, Uri-Host and Proxy-Scheme stripped by the proxy (Class U, so OSCORE still
     * verifies), and option 40 carrying the pledge's IID, which the JRC must echo outside OSCORE.
     */
    @Test
    void openWsnJoinProxyRequestGetsOption40Echoed() throws Exception {
        jrc.close();
        jrc = startJrc(JrcProfile.OPENWSN);
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            Protected r = p.exchange.protect(JoinRequest.of(new byte[] {(byte) 0xfe, (byte) 0xca}), CoAP.Type.NON,
                    0x0042, org.eclipse.californium.core.coap.Token.fromProvider(new byte[] {0x17}));
            org.eclipse.californium.core.coap.Request forwarded = (org.eclipse.californium.core.coap.Request)
                    new org.eclipse.californium.core.network.serialization.UdpDataParser().parseMessage(r.datagram());
            forwarded.getOptions().removeUriHost();
            forwarded.getOptions().removeProxyScheme();
            byte[] iid = HexFormat.of().parseHex("02124b0014b5d2a1");
            forwarded.getOptions().addOption(io.sixjoin.stack.cojp.OpenWsnStatelessProxy.OPTION.create(iid));
            byte[] datagram = new org.eclipse.californium.core.network.serialization.UdpDataSerializer()
                    .getByteArray(forwarded);
            // the option bytes as the firmware writes them: after OSCORE (9), delta 31 = 0xd0+ext 18, length 8
            assertTrue(HexFormat.of().formatHex(datagram).contains("d81202124b0014b5d2a1"),
                    HexFormat.of().formatHex(datagram));
            p.send(datagram);
            byte[] answer = p.receive(3000).orElseThrow();
            org.eclipse.californium.core.coap.Response response = (org.eclipse.californium.core.coap.Response)
                    new org.eclipse.californium.core.network.serialization.UdpDataParser(false,
                            io.sixjoin.stack.cojp.OpenWsnStatelessProxy.REGISTRY).parseMessage(answer);
            assertEquals(CoAP.Type.NON, response.getType());
            assertArrayEquals(new byte[] {0x17}, response.getToken().getBytes());
            assertArrayEquals(iid, response.getOptions().getOtherOption(
                    io.sixjoin.stack.cojp.OpenWsnStatelessProxy.OPTION).getValue());
            Configuration c = assertInstanceOf(Answer.Joined.class, p.exchange.unprotect(answer, r.sequence()))
                    .configuration().configuration();
            // exactly what openwsn-fw's parser accepts: {2: [1, key]}
            assertEquals(1, c.keySet().orElseThrow().size());
            assertTrue(c.shortIdentifier().isEmpty());
        }
    }

    @Test
    void insecureDefaultPskAdmitsAnUnprovisionedOpenWsnMoteOnlyWhenAskedFor() throws Exception {
        String moteEui = "141592cc00000002";
        String openWsnPsk = "deadbeefcafedeadbeefcafedeadbeef";
        jrc.close();
        jrc = startJrc(JrcProfile.OPENWSN);
        try (UdpPledge p = new UdpPledge(moteEui, openWsnPsk, address)) {
            assertTrue(p.join(JoinRequest.of(NETWORK)).isEmpty(), "admitted without the insecure flag");
        }
        jrc.close();
        JrcConfig insecure = new JrcConfig(List.of(new InetSocketAddress("127.0.0.1", 0)), Optional.empty(),
                StoreLocation.dataDirectory(dir.resolve("data")), Optional.of("cafe"), JrcProfile.OPENWSN, true,
                OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), RateLimiter.Limits.NONE);
        jrc = JrcServer.start(insecure, Clock.systemUTC(), new SecureRandom(), JoinLog.NONE, null);
        address = jrc.boundAddresses().get(0);
        try (UdpPledge p = new UdpPledge(moteEui, openWsnPsk, address)) {
            p.exchange.setNextSequence(5); // the first attempt's sequence numbers were seen by nobody, but be safe
            assertInstanceOf(Answer.Joined.class, p.join(JoinRequest.of(NETWORK)).orElseThrow());
        }
        // provisioned on first contact, so its replay window is durable like anyone else's
        assertTrue(jrc.store().pledges().find(PledgeId.parse(moteEui)).isPresent());
    }

    @Test
    void openWsnProfileAnswersOnlyTheOneKeyFirmwareAccepts() throws Exception {
        jrc.close();
        jrc = startJrc(JrcProfile.OPENWSN);
        try (UdpPledge p = new UdpPledge(NODE, PSK, address)) {
            // openwsn-fw sends its PAN ID little-endian: fe ca for 0xcafe
            Answer a = p.join(JoinRequest.of(new byte[] {(byte) 0xfe, (byte) 0xca})).orElseThrow();
            Configuration c = assertInstanceOf(Answer.Joined.class, a).configuration().configuration();
            assertEquals(1, c.keySet().orElseThrow().size());
            assertTrue(c.shortIdentifier().isEmpty());
            assertTrue(c.jrcAddress().isEmpty());
            assertNotEquals(0, c.keySet().get().get(0).keyId());
        }
    }
}
