package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameVectorsTest.MOTE_1;
import static io.sixjoin.stack.ieee802154.FrameVectorsTest.MOTE_2;
import static io.sixjoin.stack.ieee802154.FrameVectorsTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;

/** Invalid fixtures: each names the one reason it must be refused with. */
class FrameMalformedTest {
    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "TRUNCATED,                '',                                   empty",
        "TRUNCATED,                01,                                   half a frame control",
        "TRUNCATED,                4188,                                 sequence number missing",
        "TRUNCATED,                41880105,                             PAN ID and addresses cut",
        "UNSUPPORTED_FRAME_TYPE,   0500,                                 multipurpose frame",
        "UNSUPPORTED_FRAME_TYPE,   0400,                                 reserved frame type",
        "UNSUPPORTED_VERSION,      013001,                               frame version 3",
        "RESERVED_VALUE,           810001,                               frame control bit 7",
        "RESERVED_VALUE,           010401,                               destination addressing mode 1",
        "RESERVED_VALUE,           011101,                               IE present in a 2006 frame",
        "BAD_PAN_ID_COMPRESSION,   41180105feca0100,                     2006 compression without a source",
        "BAD_IE,                   0122 01,                              IE present but no IE",
        "BAD_IE,                   0122 01 0088,                         payload IE without header termination",
        "TRUNCATED,                0122 01 0510 aa,                      header IE overruns the frame",
        "BAD_IE,                   0122 01 013f 00,                      termination IE with content",
        "BAD_IE,                   0122 01 8110aa dddd,                  payload after unterminated header IEs",
        "TRUNCATED,                0122 01 003f 0088 dd,                 payload after unterminated payload IEs",
        "TRUNCATED,                0122 01 003f 0588 0102,               payload IE overruns the frame",
        "BAD_IE,                   0122 01 003f 0388 061a00,             MLME sub-IE overruns its IE",
        "BAD_IE,                   0122 01 003f 03a8 020000,             join info IE too short",
        "BAD_SECURITY_HEADER,      0922 01 85,                           security control bit 7",
        "TRUNCATED,                0922 01 05,                           security header lacks its frame counter",
        "TRUNCATED,                0922 01 6d01 00,                      no room for the MIC",
    })
    void refused(Reason reason, String hexBytes, String why) {
        byte[] bytes = hex(hexBytes == null ? "" : hexBytes);
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> Ieee802154Frame.parse(bytes), why);
        assertEquals(reason, e.reason(), why + ": " + e.getMessage());
    }

    @Test
    void badFcs() {
        byte[] frame = Ieee802154Frame.builder(FrameType.DATA).sequenceNumber(1).build().encodeWithFcs();
        frame[frame.length - 1] ^= 1;
        assertEquals(Reason.BAD_FCS,
                assertThrows(FrameFormatException.class, () -> Ieee802154Frame.parseWithFcs(frame)).reason());
        assertEquals(Reason.TRUNCATED,
                assertThrows(FrameFormatException.class, () -> Ieee802154Frame.parseWithFcs(new byte[1])).reason());
    }

    @Test
    void inconsistentFramesCannotBeBuilt() {
        // a PAN ID the 2015 table says is absent
        assertThrows(IllegalArgumentException.class, () -> Ieee802154Frame.builder(FrameType.DATA)
                .destination(MOTE_2).source(MOTE_1).panIds(true, 0xCAFE, null).build());
        // payload IEs without HT1
        assertThrows(IllegalArgumentException.class, () -> Ieee802154Frame.builder(FrameType.DATA)
                .payloadIes(List.of(new PayloadIe.Mlme(List.of()))).build());
        // payload after header IEs without a termination
        assertThrows(IllegalArgumentException.class, () -> Ieee802154Frame.builder(FrameType.DATA)
                .headerIes(List.of(new HeaderIe.TimeCorrection(0, false))).payload(hex("00")).build());
        // IEs in a 2006 frame
        assertThrows(IllegalArgumentException.class, () -> Ieee802154Frame.builder(FrameType.DATA)
                .frameVersion(1).sequenceNumber(0).headerIes(List.of(HeaderIe.HT2)).build());
        // HT1 in the middle
        assertThrows(IllegalArgumentException.class, () -> Ieee802154Frame.builder(FrameType.DATA)
                .headerIes(List.of(HeaderIe.HT1, new HeaderIe.TimeCorrection(0, false))).build());
    }
}
