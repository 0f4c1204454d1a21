package io.sixjoin.stack.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact RFC 8974 header vectors. Every vector is a NON POST (0.02) with message ID 0x1234, a token of the
 * given length whose byte i is {@code i & 0xFF}, a Uri-Path "j" option and the one-byte payload 0x2A. The
 * expected header is written out; the token, option and payload that follow it are derived.
 */
class ExtendedTokenVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Uri-Path (11) "j": delta 11 / length 1 = 0xB1, 'j' = 0x6A; payload marker 0xFF, payload 0x2A. */
    private static final String TAIL = "b16a" + "ff2a";

    private final ExtendedTokenUdpDataSerializer serializer = new ExtendedTokenUdpDataSerializer();
    private final ExtendedTokenUdpDataParser parser = new ExtendedTokenUdpDataParser();

    @ParameterizedTest(name = "token of {0} bytes: header {1}")
    @CsvSource({
        // byte 0 = Ver 01 | T 01 (NON) | TKL; byte 1 = code 0.02; bytes 2-3 = MID; then extended TKL bytes
        "0,     50021234",        // TKL 0, no token
        "8,     58021234",        // TKL 8, the RFC 7252 maximum
        "12,    5c021234",        // TKL 12, longest length that fits the nibble itself
        "13,    5d02123400",      // TKL 13, extended byte 0x00: 13 + 0
        "14,    5d02123401",      // TKL 13, extended byte 0x01: 13 + 1
        "268,   5d021234ff",      // TKL 13, extended byte 0xFF: 13 + 255, the largest one-byte length
        "269,   5e0212340000",    // TKL 14, extended 0x0000: 269 + 0, the smallest two-byte length
        "270,   5e0212340001",    // TKL 14, extended 0x0001: 269 + 1
        "65804, 5e021234ffff",    // TKL 14, extended 0xFFFF: 269 + 65535, the RFC 8974 maximum
    })
    void serializesAndParsesByteExactly(int tokenLength, String header) {
        byte[] token = tokenOf(tokenLength);
        byte[] expected = HEX.parseHex(header + HEX.formatHex(token) + TAIL);

        byte[] wire = serializer.getByteArray(request(token));
        assertEquals(header, HEX.formatHex(wire, 0, header.length() / 2), "header");
        assertArrayEquals(expected, wire, "whole datagram");

        Message parsed = parser.parseMessage(expected);
        Request parsedRequest = assertInstanceOf(Request.class, parsed);
        assertEquals(CoAP.Type.NON, parsed.getType());
        assertEquals(CoAP.Code.POST, parsedRequest.getCode());
        assertEquals(0x1234, parsed.getMID());
        assertArrayEquals(token, ExtendedToken.wireBytes(parsed.getToken()), "token");
        assertEquals(tokenLength, ExtendedToken.wireLength(parsed.getToken()));
        assertEquals("j", parsed.getOptions().getUriPathString());
        assertArrayEquals(new byte[] {0x2A}, parsed.getPayload());
        assertEquals(tokenLength > 8, parsed.getToken() instanceof ExtendedToken, "plain Token up to 8 bytes");
        // Round trip through a fresh serializer: the parsed message must come out as the very same bytes.
        parsed.setBytes(null);
        assertArrayEquals(expected, serializer.getByteArray(parsed));
    }

    @ParameterizedTest(name = "token of {0} bytes matches Californium byte for byte")
    @CsvSource({"0", "1", "4", "8"})
    void rfc7252TokensMatchStockCalifornium(int tokenLength) {
        Request request = request(tokenOf(tokenLength));
        byte[] stock = new UdpDataSerializer().getByteArray(request);
        assertArrayEquals(stock, serializer.getByteArray(request));
        Message ours = parser.parseMessage(stock);
        Message theirs = new UdpDataParser().parseMessage(stock);
        assertEquals(theirs.getToken(), ours.getToken());
        assertEquals(theirs.toString(), ours.toString());
    }

    @Test
    void everyLengthHasExactlyOneEncoding() {
        // RFC 8974 offsets the extended forms by 13 and 269, so TKL 13 cannot say 0..12 and TKL 14 cannot say
        // 0..268: each length has one encoding, which is also the shortest, and a parser has nothing to reject.
        int[] seen = new int[ExtendedToken.MAX_LENGTH + 1];
        for (int tkl = 0; tkl <= 12; tkl++) {
            seen[tkl]++;
        }
        for (int ext = 0; ext <= 0xFF; ext++) {
            seen[ext + 13]++;
        }
        for (int ext = 0; ext <= 0xFFFF; ext++) {
            seen[ext + 269]++;
        }
        for (int length = 0; length <= ExtendedToken.MAX_LENGTH; length++) {
            assertEquals(1, seen[length], "encodings of length " + length);
            int nibble = ExtendedTokenUdpDataSerializer.tokenLengthNibble(length);
            int expected = length <= 12 ? length : length <= 268 ? 13 : 14;
            assertEquals(expected, nibble, "TKL for length " + length);
        }
    }

    @Test
    void noTokenBeyondTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> ExtendedToken.of(new byte[ExtendedToken.MAX_LENGTH + 1]));
        assertThrows(IllegalArgumentException.class,
                () -> ExtendedTokenUdpDataSerializer.tokenLengthNibble(ExtendedToken.MAX_LENGTH + 1));
        assertEquals(ExtendedToken.MAX_LENGTH, ExtendedToken.wireLength(ExtendedToken.of(tokenOf(65804))));
    }

    @Test
    void surrogatesFollowTheRealToken() {
        byte[] a = tokenOf(300);
        byte[] b = a.clone();
        b[299] ^= 1;
        assertEquals(ExtendedToken.of(a), ExtendedToken.of(a.clone()));
        assertEquals(ExtendedToken.of(a).hashCode(), ExtendedToken.of(a.clone()).hashCode());
        assertTrue(!ExtendedToken.of(a).equals(ExtendedToken.of(b)), "different tokens, different surrogates");
        // The surrogate must never leak as the wire form.
        assertTrue(!Arrays.equals(a, ExtendedToken.of(a).getBytes()));
        ExtendedToken token = assertInstanceOf(ExtendedToken.class, ExtendedToken.of(a));
        assertTrue(token.hasWireBytes(a));
        assertArrayEquals(a, token.toByteArray());
        assertTrue(token.toString().toLowerCase().contains(HEX.formatHex(a)), "logs show the real token");
    }

    static byte[] tokenOf(int length) {
        byte[] token = new byte[length];
        for (int i = 0; i < length; i++) {
            token[i] = (byte) i;
        }
        return token;
    }

    private static Request request(byte[] token) {
        Request request = new Request(CoAP.Code.POST, CoAP.Type.NON);
        request.setMID(0x1234);
        request.setToken(ExtendedToken.of(token));
        request.getOptions().setUriPath("j");
        request.setPayload(new byte[] {0x2A});
        return request;
    }
}
