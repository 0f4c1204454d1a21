package io.sixjoin.stack.oscore;

import static io.sixjoin.stack.oscore.OscoreTestMessages.HEX;
import static io.sixjoin.stack.oscore.OscoreTestMessages.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.junit.jupiter.api.Test;

/**
 * RFC 8613 Appendix C.4–C.8: Californium messages protected by cf-oscore's encryptors with contexts from
 * {@link OscoreContextFactory}, serialized by Californium and compared byte for byte; then decrypted back.
 */
class Rfc8613ProtectedMessageTest {
    private static final byte[] SECRET = HEX.parseHex("0102030405060708090a0b0c0d0e0f10");
    private static final byte[] SALT = HEX.parseHex("9e7ca92223786340");
    private static final byte[] EMPTY = {};

    private static final OscoreContextParameters C1_CLIENT =
            OscoreContextParameters.of(SECRET, SALT, EMPTY, HEX.parseHex("01"), null);
    private static final OscoreContextParameters C2_CLIENT =
            OscoreContextParameters.of(SECRET, EMPTY, HEX.parseHex("00"), HEX.parseHex("01"), null);
    private static final OscoreContextParameters C3_CLIENT =
            OscoreContextParameters.of(SECRET, SALT, EMPTY, HEX.parseHex("01"), HEX.parseHex("37cbf3210017a2d3"));

    private static Request getTv1(int mid, String token) {
        Request r = new Request(Code.GET, Type.CON);
        r.setMID(mid);
        r.setToken(Token.fromProvider(HEX.parseHex(token)));
        r.getOptions().setUriHost("localhost");
        r.getOptions().setUriPath("tv1");
        return r;
    }

    private static void checkRequest(OSCoreCtx client, OSCoreCtx server, Request plain, String unprotected,
            String oscoreOption, String ciphertext, String protectedHex) throws Exception {
        assertEquals(unprotected, hex(plain), "unprotected message as the RFC prints it");
        client.setSenderSeq(20);
        Request p = OscoreTestMessages.protect(client, plain);
        assertEquals(oscoreOption, HEX.formatHex(p.getOptions().getOscore()), "OSCORE option");
        assertEquals(ciphertext, HEX.formatHex(p.getPayload()), "ciphertext");
        assertEquals(protectedHex, hex(p), "protected message");
        assertEquals(21, client.getSenderSeq(), "the encryptor consumes one sequence number");

        Request back = OscoreTestMessages.unprotectRequest(server, HEX.parseHex(protectedHex));
        assertEquals(Code.GET, back.getCode());
        assertEquals("localhost", back.getOptions().getUriHost());
        assertEquals("tv1", back.getOptions().getUriPathString());
    }

    @Test
    void rfc8613_c4_requestWithoutKid() throws Exception {
        checkRequest(OscoreContextFactory.create(C1_CLIENT, false), OscoreContextFactory.create(C1_CLIENT.peer(), false),
                getTv1(0x5d1f, "00003974"),
                "44015d1f00003974396c6f63616c686f737483747631",
                "0914",
                "612f1092f1776f1c1668b3825e",
                "44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e");
    }

    @Test
    void rfc8613_c5_requestWithKid() throws Exception {
        checkRequest(OscoreContextFactory.create(C2_CLIENT, false), OscoreContextFactory.create(C2_CLIENT.peer(), false),
                getTv1(0x71c3, "0000b932"),
                "440171c30000b932396c6f63616c686f737483747631",
                "091400",
                "4ed339a5a379b0b8bc731fffb0",
                "440271c30000b932396c6f63616c686f737463091400ff4ed339a5a379b0b8bc731fffb0");
    }

    @Test
    void rfc8613_c6_requestWithKidContext() throws Exception {
        checkRequest(OscoreContextFactory.create(C3_CLIENT, true), OscoreContextFactory.create(C3_CLIENT.peer(), false),
                getTv1(0x2f8e, "ef9bbf7a"),
                "44012f8eef9bbf7a396c6f63616c686f737483747631",
                "19140837cbf3210017a2d3",
                "72cd7273fd331ac45cffbe55c3",
                "44022f8eef9bbf7a396c6f63616c686f73746b19140837cbf3210017a2d3ff72cd7273fd331ac45cffbe55c3");
    }

    private static Response helloWorld() {
        Response r = new Response(ResponseCode.CONTENT);
        r.setType(Type.ACK);
        r.setMID(0x5d1f);
        r.setToken(Token.fromProvider(HEX.parseHex("00003974")));
        r.setPayload("Hello World!");
        return r;
    }

    private static void checkResponse(boolean newPartialIv, String oscoreOption, String ciphertext,
            String protectedHex) throws Exception {
        OSCoreCtx server = OscoreContextFactory.create(C1_CLIENT.peer(), false);
        OSCoreCtx client = OscoreContextFactory.create(C1_CLIENT, false);
        Response plain = helloWorld();
        assertEquals("64455d1f00003974ff48656c6c6f20576f726c6421", hex(plain), "unprotected response");
        assertEquals(0, server.getSenderSeq(), "C.7/C.8 use server SSN 0");
        Response p = OscoreTestMessages.protect(server, plain, 20, newPartialIv);
        assertEquals(oscoreOption, HEX.formatHex(p.getOptions().getOscore()), "OSCORE option");
        assertEquals(ciphertext, HEX.formatHex(p.getPayload()), "ciphertext");
        assertEquals(protectedHex, hex(p), "protected response");

        Response back = OscoreTestMessages.unprotectResponse(client, HEX.parseHex(protectedHex), 20);
        assertEquals(ResponseCode.CONTENT, back.getCode());
        assertArrayEquals("Hello World!".getBytes(StandardCharsets.US_ASCII), back.getPayload());
    }

    @Test
    void rfc8613_c7_responseReusingRequestNonce() throws Exception {
        checkResponse(false, "", "dbaad1e9a7e7b2a813d3c31524378303cdafae119106",
                "64445d1f0000397490ffdbaad1e9a7e7b2a813d3c31524378303cdafae119106");
    }

    @Test
    void rfc8613_c8_responseWithOwnPartialIv() throws Exception {
        checkResponse(true, "0100", "4d4c13669384b67354b2b6175ff4b8658c666a6cf88e",
                "64445d1f00003974920100ff4d4c13669384b67354b2b6175ff4b8658c666a6cf88e");
    }

    @Test
    void tamperedCiphertextIsRejected() {
        byte[] datagram = HEX.parseHex("44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e");
        datagram[datagram.length - 1] ^= 1;
        OSCoreCtx server = OscoreContextFactory.create(C1_CLIENT.peer(), false);
        assertThrows(org.eclipse.californium.oscore.CoapOSException.class, () -> OscoreTestMessages.unprotectRequest(server, datagram));
    }
}
