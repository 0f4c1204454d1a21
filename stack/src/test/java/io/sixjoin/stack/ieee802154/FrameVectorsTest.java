package io.sixjoin.stack.ieee802154;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Byte-exact vectors. The EB IEs are the RFC 8180 Appendix A stream (as OpenWSN's ebIEsBytestream sends
 * it); the frame headers around them, the data frame and the Enhanced ACK are built by hand from the
 * 802.15.4-2015 field layouts and annotated field by field.
 */
class FrameVectorsTest {
    static final MacAddress MOTE_1 = MacAddress.extended(hex("14159200 00000001"));
    static final MacAddress MOTE_2 = MacAddress.extended(hex("14159200 00000002"));

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    /** Emits into a buffer pre-filled with a sentinel so a stray or missing write shows. */
    static byte[] emitWithSentinel(Ieee802154Frame frame) {
        byte[] buffer = new byte[frame.encodedLength() + 6];
        Arrays.fill(buffer, (byte) 0xA5);
        frame.emitTo(buffer, 3);
        for (int i : new int[] {0, 1, 2, buffer.length - 3, buffer.length - 2, buffer.length - 1}) {
            assertEquals((byte) 0xA5, buffer[i], "sentinel at " + i);
        }
        return Arrays.copyOfRange(buffer, 3, buffer.length - 3);
    }

    // RFC 8180 Appendix A: 00 3F 1A 88 06 1A <ASN0..ASN4> <JM> 01 1C 00 01 C8 00 0A 1B 01 00 65 00 01 00 00 00 00 0F
    static final String RFC8180_EB_IES = "003f 1a88 061a 0504030201 02 011c00 01c800 0a1b 01 00 6500 01 0000 0000 0f";

    @Test
    void rfc8180EnhancedBeacon() throws FrameFormatException {
        Ieee802154Frame eb = EnhancedBeacon.builder(0xCAFE, MOTE_1).sequenceNumber(0x17).asn(0x0102030405L)
                .joinMetric(2).build();
        byte[] expected = hex("40ea"                    // FC: beacon, PAN ID comp, IE present, dst short, v2, src ext
                + "17"                                  // sequence number
                + "feca"                                // destination PAN 0xcafe (LE)
                + "ffff"                                // broadcast
                + "0100000000921514"                    // source 14:15:92:00:00:00:00:01 (LE)
                + RFC8180_EB_IES);                      // HT1 + MLME IE (sync, timeslot, hopping, slotframe)
        assertArrayEquals(expected, emitWithSentinel(eb));
        Ieee802154Frame back = Ieee802154Frame.parse(expected);
        assertEquals(eb, back);
        EnhancedBeacon.Info info = EnhancedBeacon.read(back);
        assertEquals(0x0102030405L, info.asn());
        assertEquals(2, info.joinMetric());
        assertEquals(List.of(new MlmeIe.Slotframe(0, 101, List.of(new MlmeIe.Link(0, 0, 0x0F)))), info.slotframes());
        assertNull(info.joinInfo());
    }

    @Test
    void ebWithJoinInfoIeAddsAnIetfPayloadIe() throws FrameFormatException {
        JoinInfoIe join = new JoinInfoIe(false, 0x10, 0, 0, null, hex("cafe"));
        Ieee802154Frame eb = EnhancedBeacon.builder(0xCAFE, MOTE_1).sequenceNumber(1).asn(0x0102030405L)
                .joinMetric(2).joinInfo(join).build();
        byte[] bytes = eb.encode();
        // ... MLME IE as above, then descriptor 0xa807 (payload IE, group 5, 7 bytes), subtype 2, content
        String tail = "07a8" + "02" + "010000" + "00" + "cafe";
        assertTrue(HexFormat.of().formatHex(bytes).endsWith(RFC8180_EB_IES.replace(" ", "") + tail));
        assertEquals(join, EnhancedBeacon.read(Ieee802154Frame.parse(bytes)).joinInfo());
    }

    @Test
    void dataFrameExtendedAddressesPanIdCompressed2015() throws FrameFormatException {
        // 802.15.4-2015 Table 7-2: extended/extended with PAN ID compression = no PAN ID at all.
        byte[] expected = hex("61ec"                    // FC: data, AR, PAN ID comp, dst ext, v2, src ext
                + "05"                                  // sequence number
                + "0200000000921514"                    // destination (LE)
                + "0100000000921514"                    // source (LE)
                + "68656c6c6f");                        // payload "hello"
        Ieee802154Frame frame = Ieee802154Frame.builder(FrameType.DATA).sequenceNumber(5).ackRequest(true)
                .destination(MOTE_2).source(MOTE_1).panIds(true, null, null)
                .payload("hello".getBytes(StandardCharsets.US_ASCII)).build();
        assertArrayEquals(expected, emitWithSentinel(frame));
        assertEquals(frame, Ieee802154Frame.parse(expected));
    }

    @Test
    void openWsnDataFrameKeepsTheDestinationPan() throws FrameFormatException {
        // OpenWSN (IEEE802154.c): extended next hop => compression 0 => destination PAN only (Table 7-2).
        byte[] expected = hex("21ec 09 feca 0200000000921514 0100000000921514 7a33");
        Ieee802154Frame frame = Ieee802154Frame.builder(FrameType.DATA).sequenceNumber(9).ackRequest(true)
                .destination(MOTE_2).source(MOTE_1).pan(0xCAFE).payload(hex("7a33")).build();
        assertFalse(frame.panIdCompression());
        assertArrayEquals(expected, frame.encode());
        assertEquals(frame, Ieee802154Frame.parse(expected));
    }

    @Test
    void enhancedAckWithTimeCorrectionHeaderIe() throws FrameFormatException {
        byte[] expected = hex("02ee"                    // FC: ACK, IE present, dst ext, v2, src ext (no compression)
                + "09"                                  // sequence number of the acknowledged frame
                + "feca"                                // destination PAN
                + "0100000000921514"                    // destination (the data sender)
                + "0200000000921514"                    // source
                + "020f"                                // header IE: length 2, element 0x1e (time correction)
                + "e28f");                              // -30 us (0xfe2), NACK bit 15
        Ieee802154Frame ack = Ieee802154Frame.builder(FrameType.ACK).sequenceNumber(9).destination(MOTE_1)
                .source(MOTE_2).pan(0xCAFE).headerIes(List.of(new HeaderIe.TimeCorrection(-30, true))).build();
        assertArrayEquals(expected, emitWithSentinel(ack));
        Ieee802154Frame back = Ieee802154Frame.parse(expected);
        assertEquals(ack, back);
        assertEquals(new HeaderIe.TimeCorrection(-30, true), back.headerIes().get(0));
    }

    @Test
    void ack2006IsJustControlAndSequence() throws FrameFormatException {
        Ieee802154Frame ack = Ieee802154Frame.builder(FrameType.ACK).frameVersion(FrameControl.VERSION_2006)
                .sequenceNumber(0x42).build();
        assertArrayEquals(hex("0210 42"), ack.encode());
        assertEquals(ack, Ieee802154Frame.parse(hex("021042")));
    }

    @Test
    void fcsIsCrc16KermitLeastSignificantByteFirst() throws FrameFormatException {
        assertEquals(0x2189, Fcs.compute("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
        Ieee802154Frame ack = Ieee802154Frame.parse(hex("021042"));
        byte[] withFcs = ack.encodeWithFcs();
        int fcs = Fcs.compute(withFcs, 0, 3);
        assertEquals((byte) fcs, withFcs[3]);
        assertEquals((byte) (fcs >>> 8), withFcs[4]);
        assertEquals(ack, Ieee802154Frame.parseWithFcs(withFcs));
    }

    @Test
    void suppressedSequenceNumberAndUnknownIesRoundTrip() throws FrameFormatException {
        byte[] bytes = hex("41ab"                       // data, PAN comp, seq suppressed, IE present, short/v2/short
                + "feca" + "0200" + "0100"              // dst PAN, dst 0x0002, src 0x0001 (no src PAN)
                + "8110" + "aa"                         // header IE 0x21, 1 byte (unknown)
                + "003f"                                // HT1
                + "02d8" + "bbcc"                       // payload IE group 11, 2 bytes (unknown)
                + "00f8"                                // payload termination
                + "dd");                                // payload
        Ieee802154Frame frame = Ieee802154Frame.parse(bytes);
        assertNull(frame.sequenceNumber());
        assertEquals(List.of(new HeaderIe.Unknown(0x21, hex("aa")), HeaderIe.HT1), frame.headerIes());
        assertEquals(List.of(new PayloadIe.Unknown(11, hex("bbcc")), PayloadIe.TERMINATION), frame.payloadIes());
        assertArrayEquals(hex("dd"), frame.payload());
        assertArrayEquals(bytes, frame.encode());
    }
}
