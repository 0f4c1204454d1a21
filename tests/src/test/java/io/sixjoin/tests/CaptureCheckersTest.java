package io.sixjoin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.stack.coap.ExtendedToken;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.pcap.PcapWriter;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkers {@link InteropTest} relies on catch what they are there to catch, on hand-made captures: two Join
 * Requests under one nonce with different ciphertexts, two JRC answers to one request that differ, a response
 * without its request, and a packet tshark calls malformed. A checker that found nothing in the interop runs
 * proves little unless it is seen to fail here.
 */
class CaptureCheckersTest {
    static final String PLEDGE = "141592cc00000003";
    static final Inet6Address MOTE = address("bbbb::1415:92cc:0:3");
    static final Inet6Address JRC = address("bbbb::1415:92cc:0:0");

    @TempDir
    Path dir;

    @Test
    void aRetransmissionIsARepeatNotAReuse() throws Exception {
        Path pcap = capture(joinRequest(7, "aa"), joinRequest(7, "aa"), answer(7, "bb"));
        NonceAudit.Result r = NonceAudit.check(pcap);
        assertEquals(2, r.requests());
        assertEquals(1, r.responses());
        assertEquals(1, r.repeats());
        assertEquals(7L, r.highestAnswered().get(PLEDGE));
    }

    @Test
    void twoJoinRequestsUnderOneNonceAreReuse() throws Exception {
        Path pcap = capture(joinRequest(7, "aa"), joinRequest(7, "ab"));
        AssertionError e = assertThrows(AssertionError.class, () -> NonceAudit.check(pcap));
        assertTrue(e.getMessage().startsWith("nonce reuse"), e.getMessage());
        assertTrue(e.getMessage().contains(PLEDGE + " key pledge nonce /7"), e.getMessage());
    }

    @Test
    void twoDifferentAnswersToOneRequestAreReuseByTheJrc() throws Exception {
        Path pcap = capture(joinRequest(7, "aa"), answer(7, "bb"), joinRequest(7, "aa"), answer(7, "bc"));
        AssertionError e = assertThrows(AssertionError.class, () -> NonceAudit.check(pcap));
        assertTrue(e.getMessage().contains(PLEDGE + " key JRC nonce /7"), e.getMessage());
    }

    @Test
    void anAnswerWithoutItsRequestIsNotTakenOnTrust() throws Exception {
        Path pcap = capture(answer(7, "bb"));
        assertThrows(AssertionError.class, () -> NonceAudit.check(pcap));
    }

    @Test
    void tsharkFlagsATruncatedCoapMessage() throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed (./run-tests installs it)");
        byte[] truncated = {0x58, 0x02, 0x00, 0x01, (byte) 0xaa, (byte) 0xbb}; // TKL 8, but 2 token bytes
        Path pcap = capture(truncated, joinRequest(7, "aa"));
        Tshark.Decoded d = Tshark.decode(pcap);
        assertEquals(2, d.frames());
        assertEquals(1, d.malformed().size(), d.malformed().toString());
        assertTrue(d.malformed().get(0).startsWith("frame 1 "), d.malformed().toString());
    }

    /** A pledge's Join Request: token 1, OSCORE flags h|k|n=1, Partial IV, kid context, empty kid. */
    static byte[] joinRequest(int piv, String ciphertext) {
        Request r = Request.newPost();
        r.setConfirmable(true);
        r.setMID(piv);
        r.setToken(ExtendedToken.of(new byte[] {1}));
        byte[] context = HexFormat.of().parseHex(PLEDGE);
        byte[] option = new byte[3 + context.length];
        option[0] = 0x19;
        option[1] = (byte) piv;
        option[2] = (byte) context.length;
        System.arraycopy(context, 0, option, 3, context.length);
        r.getOptions().setOscore(option);
        r.setPayload(HexFormat.of().parseHex(ciphertext));
        return serialize(r);
    }

    /** The JRC's answer to the request with token 1: no Partial IV of its own, so it reuses the request's nonce. */
    static byte[] answer(int mid, String ciphertext) {
        Response r = new Response(CoAP.ResponseCode.CHANGED);
        r.setType(CoAP.Type.ACK);
        r.setMID(mid);
        r.setToken(ExtendedToken.of(new byte[] {1}));
        r.getOptions().setOscore(new byte[0]);
        r.setPayload(HexFormat.of().parseHex(ciphertext));
        return serialize(r);
    }

    private static byte[] serialize(Message m) {
        return new ExtendedTokenUdpDataSerializer().getByteArray(m);
    }

    /** Requests go from the mote to the JRC, everything else back, each in an IPv6/UDP packet. */
    private Path capture(byte[]... coap) throws Exception {
        Path pcap = Files.createTempFile(dir, "capture", ".pcap");
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter w = new PcapWriter(out,
                PcapWriter.LINKTYPE_IPV6)) {
            long micros = 1_000_000;
            for (byte[] c : coap) {
                boolean request = (c[1] & 0xE0) == 0 && c[1] != 0;
                w.write(micros++, new UdpDatagram(5683, 5683, c).toIpv6(request ? MOTE : JRC, request ? JRC : MOTE,
                        64).encode());
            }
        }
        return pcap;
    }

    private static Inet6Address address(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
