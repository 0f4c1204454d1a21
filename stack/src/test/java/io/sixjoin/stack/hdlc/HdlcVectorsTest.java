package io.sixjoin.stack.hdlc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Byte-exact vectors for {@link Crc16X25} and {@link HdlcEncoder}/{@link HdlcDecoder}. The first two frames are
 * the ones given in openwsn-serial.md §1.2; the stuffing vectors were computed with a separate bit-by-bit
 * Python CRC-16/X-25 and byte stuffer written for this test, sharing nothing with the code under test.
 */
class HdlcVectorsTest {
    static final HexFormat HEX = HexFormat.of();

    /** openwsn-serial.md §1.2: 'S' 01 02 03. */
    static final String ECHO_PAYLOAD = "53" + "010203";
    static final String ECHO_FRAME = "7e" + "53010203" + "f257" + "7e"; // flag, payload, FCS 0x57f2 LSB first, flag

    /** openwsn-serial.md §1.2: SETROOT 'R' 'T' prefix bbbb:: key index 1, key 00 x 16. */
    static final String SETROOT_PAYLOAD = "52" + "54" + "bbbb000000000000" + "01" + "00".repeat(16);
    static final String SETROOT_FRAME = "7e" + SETROOT_PAYLOAD + "7960" + "7e"; // FCS 0x6079

    /** 7E and 7D inside the payload: 'S' 7E 7D 01, FCS 0xcdf3. */
    static final String STUFFED_PAYLOAD = "537e7d01";
    static final String STUFFED_FRAME = "7e" + "53" + "7d5e" + "7d5d" + "01" + "f3cd" + "7e";

    /** 7D inside the FCS: 'S' 14 has FCS 0xa07d, whose low byte goes out first and is stuffed. */
    static final String FCS_7D_FRAME = "7e" + "5314" + "7d5d" + "a0" + "7e";
    /** 7E inside the FCS: 'S' 4C has FCS 0x7eb0, whose high byte is stuffed. */
    static final String FCS_7E_FRAME = "7e" + "534c" + "b0" + "7d5e" + "7e";

    @Test
    void crcCheckValueAndResidue() {
        assertEquals(0x906E, Crc16X25.compute("123456789".getBytes(StandardCharsets.US_ASCII)));
        byte[] withFcs = HEX.parseHex("53010203f257");
        assertEquals(Crc16X25.GOOD_RESIDUE, Crc16X25.update(Crc16X25.INITIAL, withFcs, 0, withFcs.length));
        assertTrue(Crc16X25.verifies(withFcs, 0, withFcs.length));
        withFcs[1] ^= 0x04;
        assertFalse(Crc16X25.verifies(withFcs, 0, withFcs.length));
    }

    @Test
    void encodesTheReferenceVectors() {
        assertEquals(ECHO_FRAME, HEX.formatHex(HdlcEncoder.encode(HEX.parseHex(ECHO_PAYLOAD))));
        assertEquals(SETROOT_FRAME, HEX.formatHex(HdlcEncoder.encode(HEX.parseHex(SETROOT_PAYLOAD))));
    }

    @Test
    void stuffsFlagAndEscapeInPayloadAndFcs() {
        assertEquals(STUFFED_FRAME, HEX.formatHex(HdlcEncoder.encode(HEX.parseHex(STUFFED_PAYLOAD))));
        assertEquals(FCS_7D_FRAME, HEX.formatHex(HdlcEncoder.encode(HEX.parseHex("5314"))));
        assertEquals(FCS_7E_FRAME, HEX.formatHex(HdlcEncoder.encode(HEX.parseHex("534c"))));
    }

    @Test
    void decodesEveryVector() {
        String[][] vectors = {{ECHO_FRAME, ECHO_PAYLOAD}, {SETROOT_FRAME, SETROOT_PAYLOAD},
                {STUFFED_FRAME, STUFFED_PAYLOAD}, {FCS_7D_FRAME, "5314"}, {FCS_7E_FRAME, "534c"}};
        for (String[] v : vectors) {
            List<HdlcDecoder.Event> events = new HdlcDecoder().feed(HEX.parseHex(v[0]));
            assertEquals(List.of(new HdlcDecoder.Frame(HEX.parseHex(v[1]))), events, v[0]);
        }
    }

    @Test
    void emitWritesExactlyEncodedLengthIntoASentinelBuffer() {
        byte[] payload = HEX.parseHex("00" + STUFFED_PAYLOAD + "00"); // frame the middle of a larger array
        int length = HdlcEncoder.encodedLength(payload, 1, 4);
        assertEquals(STUFFED_FRAME.length() / 2, length);
        byte[] buffer = new byte[length + 6];
        Arrays.fill(buffer, (byte) 0xA5);
        assertEquals(length, HdlcEncoder.emitTo(payload, 1, 4, buffer, 3));
        assertEquals("a5a5a5" + STUFFED_FRAME + "a5a5a5", HEX.formatHex(buffer));
    }

    @Test
    void emptyPayloadIsJustFcs() {
        // FCS of nothing is 0x0000: the frame is 7E 00 00 7E, which the decoder refuses as too short to be OpenWSN.
        assertArrayEquals(HEX.parseHex("7e00007e"), HdlcEncoder.encode(new byte[0]));
        assertEquals(List.of(new HdlcDecoder.Corruption(HdlcDecoder.Reason.TOO_SHORT, 2)),
                new HdlcDecoder().feed(HEX.parseHex("7e00007e")));
    }
}
