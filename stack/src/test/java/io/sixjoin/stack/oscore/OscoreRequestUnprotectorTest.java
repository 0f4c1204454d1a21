package io.sixjoin.stack.oscore;

import static io.sixjoin.stack.oscore.OscoreTestMessages.HEX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.junit.jupiter.api.Test;

/** RFC 8613 App. C.5 and C.6 protected requests, unprotected the way the JRC does it. */
class OscoreRequestUnprotectorTest {
    private static final byte[] SECRET = HEX.parseHex("0102030405060708090a0b0c0d0e0f10");
    private static final byte[] SALT = HEX.parseHex("9e7ca92223786340");
    /** C.6: context C.3 (salt, ID Context 37cbf3210017a2d3, client ID empty), SSN 20, GET /tv1. */
    private static final String C6 = "44022f8eef9bbf7a396c6f63616c686f73746b19140837cbf3210017a2d3ff72cd7273fd331ac45cffbe55c3";
    /** C.5: context C.2 (no salt, client ID 00), SSN 20. */
    private static final String C5 = "440271c30000b932396c6f63616c686f737463091400ff4ed339a5a379b0b8bc731fffb0";

    private static OSCoreCtx server(byte[] salt, byte[] clientId, byte[] idContext) {
        return OscoreContextFactory.create(
                OscoreContextParameters.of(SECRET, salt, clientId, HEX.parseHex("01"), idContext).peer(), false);
    }

    private static Request parse(String hex) {
        return (Request) new UdpDataParser().parseMessage(HEX.parseHex(hex));
    }

    @Test
    void c6RequestWithKidContextUnprotects() {
        Request r = OscoreRequestUnprotector.unprotect(parse(C6),
                server(SALT, new byte[0], HEX.parseHex("37cbf3210017a2d3")), 20).orElseThrow();
        assertEquals(Code.GET, r.getCode());
        assertEquals("tv1", r.getOptions().getUriPathString());
        assertEquals("localhost", r.getOptions().getUriHost());
        assertEquals(0, r.getPayloadSize());
    }

    @Test
    void c5RequestUnprotects() {
        Request r = OscoreRequestUnprotector.unprotect(parse(C5), server(new byte[0], HEX.parseHex("00"), null), 20)
                .orElseThrow();
        assertEquals(Code.GET, r.getCode());
        assertEquals("tv1", r.getOptions().getUriPathString());
    }

    @Test
    void everyFlippedBitOrWrongInputFailsQuietlyAndLeavesTheRequestAlone() {
        OSCoreCtx ctx = server(SALT, new byte[0], HEX.parseHex("37cbf3210017a2d3"));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured));
        try {
            byte[] good = HEX.parseHex(C6);
            int payloadStart = C6.indexOf("ff72cd") / 2 + 1;
            for (int i = payloadStart; i < good.length; i++) {
                byte[] bad = good.clone();
                bad[i] ^= 0x01;
                Request r = (Request) new UdpDataParser().parseMessage(bad);
                byte[] before = r.getPayload();
                assertTrue(OscoreRequestUnprotector.unprotect(r, ctx, 20).isEmpty(), "flipped byte " + i);
                assertArrayEquals(before, r.getPayload());
                assertEquals(Code.POST, r.getCode());
            }
            assertTrue(OscoreRequestUnprotector.unprotect(parse(C6), ctx, 21).isEmpty(), "wrong Partial IV");
            assertTrue(OscoreRequestUnprotector.unprotect(parse(C6), server(SALT, new byte[0], null), 20).isEmpty(),
                    "wrong ID Context");
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", captured.toString(), "a failed tag must not print anything");
    }
}
