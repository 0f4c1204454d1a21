package io.sixjoin.stack.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Datagrams RFC 8974 calls message format errors, and how the parser reports them to the endpoint. */
class ExtendedTokenMalformedTest {
    private static final HexFormat HEX = HexFormat.of();

    private final ExtendedTokenUdpDataParser parser = new ExtendedTokenUdpDataParser();

    @ParameterizedTest(name = "{2}: {0}")
    @CsvSource({
        // byte 0 = Ver 01 | T | TKL; byte 1 = code; bytes 2-3 = MID 0x1234
        "4f021234,                 true,  TKL 15 on a CON (0x4F = Ver 1 / CON / TKL 15)",
        "5f0212340102030405,       false, TKL 15 on a NON even with bytes to spare",
        "4d021234,                 true,  TKL 13 without its extended length byte",
        "4e021234,                 true,  TKL 14 without its two extended length bytes",
        "4e02123400,               true,  TKL 14 with only one of its two extended length bytes",
        "5d02123405000102030405,   false, TKL 13 declaring 18 token bytes with 6 present",
        "5e021234000000,           false, TKL 14 declaring 269 token bytes with 1 present",
        "5e021234ffff00,           false, TKL 14 declaring 65804 token bytes with 1 present",
        "49021234000102030405,     true,  TKL 9 with 6 token bytes present",
        "4d010000000102,           true,  TKL 13 declaring 13 token bytes with 2 present",
    })
    void rejectedWithTheMessageIdSoACanBeReset(String datagram, boolean confirmable, String what) {
        CoAPMessageFormatException e = assertThrows(CoAPMessageFormatException.class,
                () -> parser.parseMessage(HEX.parseHex(datagram)));
        int mid = ((HEX.parseHex(datagram)[2] & 0xFF) << 8) | (HEX.parseHex(datagram)[3] & 0xFF);
        assertEquals(mid, e.getMid());
        assertEquals(confirmable, e.isConfirmable());
        // Without a token the endpoint can only answer a CON with RST, never with an error response.
        assertNull(e.getToken());
    }

    @Test
    void emptyMessageWithExtendedTokenIsMalformed() {
        // 0x4D 0x00: CON, code 0.00, TKL 13 + 0 -> 13 token bytes. RFC 7252 section 4.1: Empty means TKL 0.
        byte[] datagram = HEX.parseHex("4d000001" + "00" + "00".repeat(13));
        assertThrows(CoAPMessageFormatException.class, () -> parser.parseMessage(datagram));
    }

    @Test
    void runtimeVetoesOfCaliforniumBecomeFormatErrors() {
        // Found by the fuzz test: NON (0x58 = Ver 1 / NON / TKL 8), code 0.00, 8-byte token, payload. In relaxed
        // mode Californium's parser hands it to EmptyMessage, which throws IllegalStateException on the payload.
        byte[] datagram = HEX.parseHex("58000001" + "0102030405060708" + "ff2a");
        assertThrows(IllegalStateException.class, () -> new UdpDataParser().parseMessage(datagram));
        CoAPMessageFormatException e = assertThrows(CoAPMessageFormatException.class,
                () -> parser.parseMessage(datagram));
        assertEquals(1, e.getMid());
    }

    @Test
    void strictModeRejectsResetWithCode() {
        // 0x7D: Ver 1 / RST / TKL 13. Relaxed mode lets the code 0.01 through as Californium does for short tokens.
        byte[] datagram = HEX.parseHex("7d010001" + "00" + "11".repeat(13));
        ExtendedTokenUdpDataParser strict = new ExtendedTokenUdpDataParser(true, null);
        assertThrows(CoAPMessageFormatException.class, () -> strict.parseMessage(datagram));
    }

    @ParameterizedTest(name = "version {0}")
    @CsvSource({"0", "2", "3"})
    void wrongVersionIsReportedLikeCalifornium(int version) {
        byte[] datagram = HEX.parseHex("0d021234" + "00" + "22".repeat(13));
        datagram[0] = (byte) ((version << 6) | 0x1D);
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> parser.parseMessage(datagram));
        // A plain MessageFormatException: a non-CoAP datagram gets no RST, exactly as with Californium's parser.
        assertTrue(!(e instanceof CoAPMessageFormatException));
        assertThrows(MessageFormatException.class, () -> new UdpDataParser().parseMessage(datagram));
    }

    @Test
    void shortDatagramsAreLeftToCalifornium() {
        for (String datagram : new String[] {"", "4d", "4d02", "4d0212"}) {
            MessageFormatException ours = assertThrows(MessageFormatException.class,
                    () -> parser.parseMessage(HEX.parseHex(datagram)));
            MessageFormatException theirs = assertThrows(MessageFormatException.class,
                    () -> new UdpDataParser().parseMessage(HEX.parseHex(datagram)));
            assertEquals(theirs.getMessage(), ours.getMessage());
        }
    }

    @Test
    void stockCaliforniumRejectsWhatWeAccept() {
        // 0x5D: NON / TKL 13, extended byte 0x07 -> 20-byte token. The reason this package exists.
        byte[] datagram = HEX.parseHex("5d021234" + "07" + "ab".repeat(20));
        assertThrows(MessageFormatException.class, () -> new UdpDataParser().parseMessage(datagram));
        Message message = parser.parseMessage(datagram);
        assertArrayEquals(HEX.parseHex("ab".repeat(20)), ExtendedToken.wireBytes(message.getToken()));
    }

    @Test
    void extendedLengthThatCannotExist() {
        // The largest TKL 14 value declares 65804 bytes; one byte more is not a token, it is option/payload data,
        // and here a lone 0xFF marker with no payload, so the datagram is malformed as a whole.
        byte[] datagram = new byte[4 + 2 + ExtendedToken.MAX_LENGTH + 1];
        System.arraycopy(HEX.parseHex("5e021234ffff"), 0, datagram, 0, 6);
        datagram[datagram.length - 1] = (byte) 0xFF;
        CoAPMessageFormatException e = assertThrows(CoAPMessageFormatException.class,
                () -> parser.parseMessage(datagram));
        assertEquals(ExtendedToken.MAX_LENGTH, ExtendedToken.wireLength(e.getToken()), "token parsed, body bad");
    }
}
