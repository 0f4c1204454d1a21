package io.sixjoin.stack.openwsn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.openwsn.OpenWsnFormatException.Reason;

/**
 * A valid and an invalid fixture for every mote-to-host frame type, written by hand from the layouts in
 * openwsn-serial.md §1.3 (and §7.2 for the ASN byte orders, §7.4 for echo replies, §7.6 for the start of a
 * real join request); each valid one is parsed, compared field by field, and re-emitted into a sentinel buffer.
 */
class MoteFrameVectorsTest {
    static final HexFormat HEX = HexFormat.of();
    static final long ROOT = 0x141592cc00000001L;
    static final long PLEDGE = 0x141592cc00000002L;

    /** §1.3 DATA: mote 0001, ASN 0x0102030405 little-endian, next hop = root, previous hop = pledge, §7.6 6LoWPAN. */
    static final String DATA = "44" + "0001" + "0504030201" + "141592cc00000001" + "141592cc00000002"
            + "f18205ffff7a1111"; // page 1, RPI-6LoRH rank 0xffff, IPHC 7a11, next header 17 (UDP) inline
    /** §7.4 echo reply: mote 0001, ASN 0x0102030405, echoed 11 12 13. */
    static final String ECHO_REPLY = "44" + "0001" + "0504030201" + "111213";
    /** §1.3 log ERROR: mote 0001, component 0x04, error 0x39, arg1 0x000c, arg2 0 (big-endian). */
    static final String LOG_ERROR = "45" + "0001" + "04" + "39" + "000c" + "0000";
    /** §1.3 SNIFFED: mote 0001, 802.15.4 frame 41cc66 + FCS abcd, channel 11. */
    static final String SNIFFED = "50" + "0001" + "41cc66abcd" + "0b";
    /** §1.3 PRINTF: mote 0001, ASN 1 (little-endian), "hi %". */
    static final String PRINTF = "46" + "0001" + "0100000000" + "68692025";

    @Test
    void parsesData() throws OpenWsnFormatException {
        MoteFrame.Data d = (MoteFrame.Data) parse(DATA);
        assertEquals(new MoteFrame.Data(1, 0x0102030405L, ROOT, PLEDGE, HEX.parseHex("f18205ffff7a1111")), d);
        assertEquals("141592cc00000001", Long.toHexString(d.nextHop()));
        assertEmits(DATA, d);
        assertEquals(new MoteFrame.EchoReply(1, 0x0102030405L, HEX.parseHex("141592cc00000001141592cc00000002"
                + "f18205ffff7a1111")), d.asEchoReply());
    }

    @Test
    void parsesShortDataAsEchoReply() throws OpenWsnFormatException {
        MoteFrame frame = parse(ECHO_REPLY);
        assertEquals(new MoteFrame.EchoReply(1, 0x0102030405L, HEX.parseHex("111213")), frame);
        assertEmits(ECHO_REPLY, frame);
        assertEquals(new MoteFrame.EchoReply(1, 0x0102030405L, new byte[0]), parse("44" + "0001" + "0504030201"));
        assertRefused(Reason.TRUNCATED, "44" + "0001" + "05040302");
    }

    @Test
    void parsesLog() throws OpenWsnFormatException {
        Log log = (Log) parse(LOG_ERROR);
        assertEquals(new Log(Log.Level.ERROR, 1, 0x04, 0x39, 12, 0), log);
        assertEmits(LOG_ERROR, log);
        for (Log.Level level : Log.Level.values()) {
            assertEquals(level, ((Log) parse(String.format("%02x", level.type()) + LOG_ERROR.substring(2))).level());
        }
        assertRefused(Reason.TRUNCATED, LOG_ERROR.substring(0, 16));
        assertRefused(Reason.BAD_LENGTH, LOG_ERROR + "00");
        // arguments are unsigned on the wire; describe() shows arg1 signed, as OpenVisualizer does
        Log negative = (Log) parse("56" + "0002" + "2b" + "44" + "ffff" + "ffff");
        assertEquals("VERBOSE mote 0x0002 0x2b 0x44 -1 65535", negative.describe(LogCodes.defaults()));
    }

    @Test
    void logCodesNameWhatTheyKnowAndNumberTheRest() {
        LogCodes codes = LogCodes.fromOpendefs("""
                enum {
                   COMPONENT_NULL                      = 0x00,
                   COMPONENT_OPENSERIAL                = 0x04,
                };
                enum {
                   ERR_WRONG_CRC_INPUT                 = 0x39, // wrong CRC in input Buffer (input length {0})
                   ERR_BOOTED = 53,
                };
                """);
        assertEquals("OPENSERIAL", codes.componentName(4));
        assertEquals("0x05", codes.componentName(5));
        assertEquals("ERR_WRONG_CRC_INPUT (0x39)", codes.errorName(0x39));
        assertEquals("ERR_BOOTED (0x35)", codes.errorName(0x35));
        assertEquals("0x3a", codes.errorName(0x3a));
        assertEquals("CJOIN", LogCodes.defaults().componentName(0x1d));
    }

    @Test
    void parsesSniffedAndPrintf() throws OpenWsnFormatException {
        MoteFrame sniffed = parse(SNIFFED);
        assertEquals(new Sniffed(1, HEX.parseHex("41cc66abcd"), 11), sniffed);
        assertEmits(SNIFFED, sniffed);
        assertRefused(Reason.TRUNCATED, "50" + "0001");
        MoteFrame printf = parse(PRINTF);
        assertEquals(new Printf(1, 1, "hi %"), printf);
        assertEmits(PRINTF, printf);
        assertEquals(new Printf(1, 1, "\u00ff"), parse("46" + "0001" + "0100000000" + "ff"));
        assertRefused(Reason.TRUNCATED, "46" + "0001" + "01000000");
    }

    @Test
    void keepsUnknownTypesAndRefusesEmptyFrames() throws OpenWsnFormatException {
        MoteFrame unknown = parse("5a" + "0102");
        assertEquals(new MoteFrame.Unknown('Z', HEX.parseHex("0102")), unknown);
        assertEmits("5a0102", unknown);
        assertRefused(Reason.EMPTY, "");
        assertThrows(IllegalArgumentException.class, () -> new MoteFrame.Unknown('D', new byte[0]));
    }

    @Test
    void worksBehindHdlc() throws OpenWsnFormatException {
        byte[] wire = HdlcEncoder.encode(HEX.parseHex(LOG_ERROR));
        HdlcDecoder.Frame f = (HdlcDecoder.Frame) new HdlcDecoder().feed(wire).get(0);
        assertEquals(parse(LOG_ERROR), MoteFrameCodec.parse(f.payload()));
    }

    static MoteFrame parse(String hex) throws OpenWsnFormatException {
        return MoteFrameCodec.parse(HEX.parseHex(hex));
    }

    static void assertRefused(Reason reason, String hex) {
        OpenWsnFormatException e = assertThrows(OpenWsnFormatException.class, () -> parse(hex));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    /** The frame's bytes, written at offset 3 of a buffer pre-filled with 0xA5 so stray writes show. */
    static void assertEmits(String hex, MoteFrame frame) {
        assertEquals(hex.length() / 2, frame.encodedLength());
        byte[] buffer = new byte[frame.encodedLength() + 6];
        Arrays.fill(buffer, (byte) 0xA5);
        frame.emitTo(buffer, 3);
        assertEquals("a5a5a5" + hex + "a5a5a5", HEX.formatHex(buffer));
        assertArrayEquals(HEX.parseHex(hex), MoteFrameCodec.encode(frame));
    }
}
