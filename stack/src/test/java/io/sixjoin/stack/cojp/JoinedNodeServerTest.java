package io.sixjoin.stack.cojp;

import static io.sixjoin.stack.cojp.CojpFixtures.HEX;
import static io.sixjoin.stack.cojp.CojpFixtures.PLEDGE;
import static io.sixjoin.stack.cojp.CojpFixtures.PSK;
import static io.sixjoin.stack.cojp.CojpFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.CojpLabel;
import io.sixjoin.cbor.cojp.KeyUsage;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.cbor.cojp.UnsupportedCode;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.stack.cojp.JoinedNodeServer.Drop;
import io.sixjoin.stack.cojp.JoinedNodeServer.Outcome;
import io.sixjoin.stack.oscore.OscoreNonce;
import io.sixjoin.stack.oscore.ReplayWindow;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.RequestEncryptor;
import org.eclipse.californium.oscore.ResponseDecryptor;
import org.junit.jupiter.api.Test;

/** The joined node's {@code /j} against the cojp.md §9.5 Parameter Update vector, rekeying and the drop rules. */
class JoinedNodeServerTest {
    private final List<ReplayWindow> persisted = new ArrayList<>();
    private final OSCoreCtx jrc = CojpOscoreProfile.jrcContext(PSK, PLEDGE);

    private JoinedNodeServer node(ConfigurationCheck check) {
        return new JoinedNodeServer(PSK, PLEDGE, ReplayWindow.EMPTY, persisted::add, check);
    }

    private JoinedNodeServer node() {
        return node(c -> Optional.empty());
    }

    /** A Parameter Update as the JRC sends it: CON POST, Uri-Host 6tisch.arpa, Uri-Path j inside OSCORE. */
    static byte[] update(OSCoreCtx jrc, int mid, byte[] configuration) {
        Request r = new Request(CoAP.Code.POST, CoAP.Type.CON);
        r.setMID(mid);
        r.setToken(Token.fromProvider(new byte[] {0x42}));
        r.setURI("coap://[2001:db8::2]/j");
        r.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
        r.getOptions().setOscore(Bytes.EMPTY);
        r.setPayload(configuration);
        try {
            return new UdpDataSerializer().getByteArray(RequestEncryptor.encrypt(new SingleContextDb(jrc), r));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Response openAnswer(byte[] answer, int seq) throws Exception {
        Response r = (Response) parse(answer);
        r.setSourceContext(new AddressEndpointContext(new java.net.InetSocketAddress("::1", 5683)));
        return ResponseDecryptor.decrypt(new SingleContextDb(jrc), r, seq);
    }

    @Test
    void section9_5ParameterUpdateVector() throws Exception {
        assertEquals("81eb5500f414781ef2e124bb24", HEX.formatHex(OscoreNonce.sender(jrc, 0)), "§9.5 nonce");
        byte[] request = update(jrc, 0x0101, HEX.parseHex("a10702"));
        Request outer = (Request) parse(request);
        assertEquals("09004a5243", HEX.formatHex(outer.getOptions().getOscore()), "§9.5 OSCORE option, no kid context");
        assertEquals("d489ef145452db247fb4039fc90436", HEX.formatHex(outer.getPayload()), "§9.5 ciphertext‖tag");

        Outcome.Updated u = assertInstanceOf(Outcome.Updated.class, node().onDatagram(request));
        assertEquals(2, u.configuration().joinRate().getAsLong());
        Response answer = (Response) parse(u.response());
        assertEquals(CoAP.Type.ACK, answer.getType());
        assertEquals(0x0101, answer.getMID());
        assertArrayEquals(new byte[] {0x42}, answer.getToken().getBytes());
        assertEquals(ResponseCode.CHANGED, answer.getCode());
        assertEquals(0, answer.getOptions().getOscore().length, "request nonce reused, no kid context");
        assertEquals("cabf4aab50515e6fe5", HEX.formatHex(answer.getPayload()), "§9.5 response ciphertext‖tag");
        assertEquals(ResponseCode.CHANGED, openAnswer(u.response(), 0).getCode());
        assertEquals(List.of(new ReplayWindow(0, 1)), persisted, "the window is persisted before applying");
    }

    @Test
    void rekeyConfigurationIsReportedWithBothKeys() throws Exception {
        // cojp.md §9.6: {2: [1, 6, h'11'*16, 2, 12, h'22'*16]} — K1 for EBs, K2 for data
        byte[] rekey = HEX.parseHex("a1028601065011111111111111111111111111111111020c5022222222222222222222222222222222");
        Outcome.Updated u = assertInstanceOf(Outcome.Updated.class, node().onDatagram(update(jrc, 1, rekey)));
        List<LinkLayerKey> keys = u.configuration().keySet().orElseThrow();
        assertEquals(2, keys.size());
        assertEquals(KeyUsage.K1_MIC32, keys.get(0).effectiveKeyUsage());
        assertEquals(KeyUsage.K2_ENC_MIC32, keys.get(1).effectiveKeyUsage());
        assertTrue(u.configuration().shortIdentifier().isEmpty() && u.configuration().blacklist().isEmpty());
        Response plain = openAnswer(u.response(), 0);
        assertEquals(ResponseCode.CHANGED, plain.getCode(), "the JRC reads a 2.04 with its own context");
        assertEquals(0, plain.getPayloadSize());
    }

    @Test
    void unsupportedKeyUsageGetsAProtected400WithTheUnusableKeys() throws Exception {
        byte[] rekey = HEX.parseHex("a1028601065011111111111111111111111111111111020c5022222222222222222222222222222222");
        JoinedNodeServer openWsnLike = node(ConfigurationCheck.keyUsagesSupported(Set.of(KeyUsage.K1K2_ENC_MIC32)));
        Outcome.Refused r = assertInstanceOf(Outcome.Refused.class, openWsnLike.onDatagram(update(jrc, 1, rekey)));
        UnsupportedConfiguration d = r.diagnostic().orElseThrow();
        assertEquals(UnsupportedCode.UNSUPPORTED, d.parameters().get(0).code());
        assertEquals(CojpLabel.LINK_LAYER_KEY_SET, d.parameters().get(0).label());
        // addinfo: the key set itself, in its normal structure (§8.4.5)
        assertEquals("8601065011111111111111111111111111111111020c5022222222222222222222222222222222",
                HEX.formatHex(d.parameters().get(0).addinfo()));
        Response plain = openAnswer(r.response(), 0);
        assertEquals(ResponseCode.BAD_REQUEST, plain.getCode());
        assertEquals(d, UnsupportedConfigurationCodec.decode(plain.getPayload()));
    }

    @Test
    void malformedConfigurationGetsADiagnostic() throws Exception {
        Outcome.Refused r = assertInstanceOf(Outcome.Refused.class,
                node().onDatagram(update(jrc, 1, HEX.parseHex("a10901")))); // unknown label 9
        assertEquals(CojpLabel.of(9), r.diagnostic().orElseThrow().parameters().get(0).label());
        assertEquals(ResponseCode.BAD_REQUEST, openAnswer(r.response(), 0).getCode());
    }

    @Test
    void retransmissionIsAnsweredAgainButAReplayIsDropped() {
        JoinedNodeServer n = node();
        byte[] first = update(jrc, 7, HEX.parseHex("a10702"));
        Outcome.Updated u = assertInstanceOf(Outcome.Updated.class, n.onDatagram(first));
        Outcome.Repeated again = assertInstanceOf(Outcome.Repeated.class, n.onDatagram(first.clone()));
        assertArrayEquals(u.response(), again.response());
        // the same Partial IV under another Message ID is not a CoAP retransmission
        byte[] replay = first.clone();
        replay[3] ^= 0x01;
        assertEquals(new Outcome.Dropped(Drop.REPLAYED), n.onDatagram(replay));
        assertEquals(1, persisted.size());
        // a fresh update moves the window on
        assertInstanceOf(Outcome.Updated.class, n.onDatagram(update(jrc, 8, HEX.parseHex("a10680"))));
        assertEquals(new ReplayWindow(1, 3), n.replayWindow());
    }

    @Test
    void restoredWindowRejectsWhatWasSeenBeforeTheReboot() {
        JoinedNodeServer n = new JoinedNodeServer(PSK, PLEDGE, new ReplayWindow(5, 0b111111), persisted::add,
                c -> Optional.empty());
        assertEquals(new Outcome.Dropped(Drop.REPLAYED), n.onDatagram(update(jrc, 1, HEX.parseHex("a10702"))));
        jrc.setSenderSeq(6);
        assertInstanceOf(Outcome.Updated.class, n.onDatagram(update(jrc, 2, HEX.parseHex("a10702"))));
    }

    @Test
    void unprotectedForgedAndMisaddressedRequestsAreDroppedSilently() {
        JoinedNodeServer n = node();
        Request plain = new Request(CoAP.Code.POST, CoAP.Type.CON);
        plain.setMID(1);
        plain.setToken(Token.EMPTY);
        plain.setPayload(HEX.parseHex("a10700"));
        assertEquals(new Outcome.Dropped(Drop.UNPROTECTED), n.onDatagram(new UdpDataSerializer().getByteArray(plain)));
        byte[] forged = update(jrc, 2, HEX.parseHex("a10700"));
        forged[forged.length - 1] ^= 0x01;
        assertEquals(new Outcome.Dropped(Drop.VERIFICATION_FAILED), n.onDatagram(forged));
        // the pledge's own context as sender: kid h'' instead of 4a5243
        byte[] reflected = update(CojpOscoreProfile.pledgeContext(PSK, PLEDGE), 3, HEX.parseHex("a10700"));
        assertEquals(new Outcome.Dropped(Drop.WRONG_KID), n.onDatagram(reflected));
        // another node's update
        byte[] other = update(CojpOscoreProfile.jrcContext(PSK, PledgeId.parse("00124b0014b5d2a2")), 4,
                HEX.parseHex("a10700"));
        assertEquals(new Outcome.Dropped(Drop.VERIFICATION_FAILED), n.onDatagram(other));
        assertEquals(new Outcome.Dropped(Drop.NOT_A_REQUEST), n.onDatagram(HEX.parseHex("6044000190")));
        assertTrue(persisted.isEmpty(), "no failed request moves the window");
        assertEquals(ReplayWindow.EMPTY, n.replayWindow());
    }
}
