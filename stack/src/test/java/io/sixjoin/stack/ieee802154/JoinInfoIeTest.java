package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameVectorsTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Pins our reading of RFC 9032 Figure 1 (see {@link JoinInfoIe}): after the subtype, a big-endian 24-bit
 * word R | P | res(3) | proxy prio(7) | rank priority(12), then PAN priority, the JP IID iff P, the network
 * ID. If an implementation we must interoperate with turns out to read the figure differently, these
 * vectors are the ones to change.
 */
class JoinInfoIeTest {
    @Test
    void allFieldsPinnedBitForBit() throws FrameFormatException {
        JoinInfoIe ie = new JoinInfoIe(true, 0x12, 0x345, 0x67, hex("0011223344556677"), hex("cafe"));
        PayloadIe onAir = new PayloadIe.JoinInfo(ie);
        byte[] buffer = new byte[2 + onAir.contentLength()];
        IeCodec.emitPayload(onAir, buffer, 0);
        assertEquals("0fa8"                             // payload IE, group 5 (IETF), 15 bytes
                + "02"                                  // subtype 2: 6tisch-Join-Info
                + "c12345"                              // R=1 P=1 res=000 proxy=0x12 rank=0x345
                + "67"                                  // PAN priority
                + "0011223344556677"                    // Join Proxy interface ID
                + "cafe", HexFormat.of().formatHex(buffer)); // network ID
        List<PayloadIe> back = new java.util.ArrayList<>();
        IeCodec.parsePayloadIes(buffer, 0, buffer.length, back);
        assertEquals(List.of(onAir), back);
    }

    @Test
    void withoutProxyIidAndNeverProxy() throws FrameFormatException {
        JoinInfoIe ie = new JoinInfoIe(false, JoinInfoIe.NEVER_PROXY, 0, 0xFF, null, new byte[0]);
        byte[] content = new byte[ie.encodedLength()];
        ie.emitTo(content, 0);
        assertArrayEquals(hex("07f000 ff"), content);
        assertEquals(ie, JoinInfoIe.parse(content, 0, content.length));
    }

    @Test
    void reservedBitsAreIgnored() throws FrameFormatException {
        JoinInfoIe ie = JoinInfoIe.parse(hex("38100000"), 0, 4);
        assertEquals(new JoinInfoIe(false, 1, 0, 0, null, new byte[0]), ie);
    }

    @Test
    void malformedContentIsRefused() {
        assertEquals(FrameFormatException.Reason.BAD_IE,
                assertThrows(FrameFormatException.class, () -> JoinInfoIe.parse(hex("000000"), 0, 3)).reason());
        // P set but only 4 bytes
        assertThrows(FrameFormatException.class, () -> JoinInfoIe.parse(hex("40000000"), 0, 4));
        // network ID of 17 bytes
        byte[] tooLong = new byte[4 + 17];
        assertThrows(FrameFormatException.class, () -> JoinInfoIe.parse(tooLong, 0, tooLong.length));
        assertThrows(IllegalArgumentException.class, () -> new JoinInfoIe(false, 0x80, 0, 0, null, new byte[0]));
    }
}
