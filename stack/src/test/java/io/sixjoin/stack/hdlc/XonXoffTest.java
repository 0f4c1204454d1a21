package io.sixjoin.stack.hdlc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.hdlc.XonXoffFilter.FlowControl;

/**
 * Vectors for {@link XonXoffEscaper} and {@link XonXoffFilter}: openwsn-serial.md §1.1 (escape table) and §7.3
 * (echo data {@code 11 12 13} arriving as {@code 12 01 12 02 12 03}); the framed vectors were computed with the
 * same independent Python script as {@link HdlcVectorsTest}.
 */
class XonXoffTest {
    static final HexFormat HEX = HexFormat.of();

    /** Echo reply 'D' mote 0001 ASN 0x0102030405 (LE) echoing 11 12 13, HDLC-framed, FCS 0x7452. */
    static final String ECHO_HDLC = "7e" + "44" + "0001" + "0504030201" + "111213" + "5274" + "7e";
    /** The same as the mote's UART sends it (§7.3). */
    static final String ECHO_LINE = "7e" + "44" + "0001" + "0504030201" + "120112021203" + "5274" + "7e";
    /** 'S' E0 has FCS 0xd611: the XON-valued byte inside the FCS is escaped too. */
    static final String FCS_XON_HDLC = "7e53e0d6117e";
    static final String FCS_XON_LINE = "7e53e0d612017e";

    @Test
    void escapesTheReferenceTable() {
        assertEquals("1201" + "1202" + "1203" + "10" + "14",
                HEX.formatHex(XonXoffEscaper.escape(HEX.parseHex("1112131014"))));
        assertEquals(ECHO_LINE, HEX.formatHex(XonXoffEscaper.escape(HEX.parseHex(ECHO_HDLC))));
        assertEquals(FCS_XON_LINE, HEX.formatHex(XonXoffEscaper.escape(HEX.parseHex(FCS_XON_HDLC))));
        assertEquals(0x11, XonXoffEscaper.signal(FlowControl.XON));
        assertEquals(0x13, XonXoffEscaper.signal(FlowControl.XOFF));
    }

    @Test
    void emitWritesExactlyEscapedLengthIntoASentinelBuffer() {
        byte[] data = HEX.parseHex(ECHO_HDLC);
        int n = XonXoffEscaper.escapedLength(data, 0, data.length);
        byte[] buffer = new byte[n + 4];
        Arrays.fill(buffer, (byte) 0xA5);
        assertEquals(n, XonXoffEscaper.emitTo(data, 0, data.length, buffer, 2));
        assertEquals("a5a5" + ECHO_LINE + "a5a5", HEX.formatHex(buffer));
    }

    @Test
    void filterUndoesEscapingAndDecoderSeesTheFrame() {
        List<FlowControl> signals = new ArrayList<>();
        byte[] hdlc = new XonXoffFilter().feed(HEX.parseHex(ECHO_LINE), signals::add);
        assertEquals(ECHO_HDLC, HEX.formatHex(hdlc));
        assertEquals(List.of(), signals);
        assertEquals(FCS_XON_HDLC, HEX.formatHex(new XonXoffFilter().feed(HEX.parseHex(FCS_XON_LINE), signals::add)));
        assertEquals(List.of(new HdlcDecoder.Frame(HEX.parseHex("440001050403020111" + "1213"))),
                new HdlcDecoder().feed(hdlc));
    }

    @Test
    void rawFlowControlBytesAreRemovedAndReportedInOrder() {
        List<String> seen = new ArrayList<>();
        XonXoffFilter.Sink sink = new XonXoffFilter.Sink() {
            @Override
            public void data(byte[] bytes, int offset, int length) {
                seen.add(HEX.formatHex(bytes, offset, offset + length));
            }

            @Override
            public void flowControl(FlowControl signal) {
                seen.add(signal.name());
            }
        };
        new XonXoffFilter().feed(HEX.parseHex("7e53" + "13" + "1201" + "11" + "7e"), 0, 7, sink);
        assertEquals(List.of("7e53", "XOFF", "11", "XON", "7e"), seen);
    }

    @Test
    void escapeAtTheEndOfAChunkCarriesOver() {
        XonXoffFilter filter = new XonXoffFilter();
        List<FlowControl> signals = new ArrayList<>();
        assertArrayEquals(HEX.parseHex("7e"), filter.feed(HEX.parseHex("7e12"), signals::add));
        assertTrue(filter.escapePending());
        // a raw XOFF between the escape and its byte is flow control; the escape stays pending
        assertArrayEquals(new byte[0], filter.feed(HEX.parseHex("13"), signals::add));
        assertTrue(filter.escapePending());
        assertArrayEquals(HEX.parseHex("137e"), filter.feed(HEX.parseHex("037e"), signals::add));
        assertFalse(filter.escapePending());
        assertEquals(List.of(FlowControl.XOFF), signals);
        filter.feed(HEX.parseHex("12"), signals::add);
        filter.reset();
        assertArrayEquals(HEX.parseHex("03"), filter.feed(HEX.parseHex("03"), signals::add));
    }

    @Test
    void splitAtEveryBoundaryGivesTheSameBytes() {
        byte[] line = HEX.parseHex(ECHO_LINE + "13" + FCS_XON_LINE + "11");
        for (int cut = 0; cut <= line.length; cut++) {
            XonXoffFilter filter = new XonXoffFilter();
            List<FlowControl> signals = new ArrayList<>();
            byte[] a = filter.feed(Arrays.copyOfRange(line, 0, cut), signals::add);
            byte[] b = filter.feed(Arrays.copyOfRange(line, cut, line.length), signals::add);
            byte[] joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            assertEquals(ECHO_HDLC + FCS_XON_HDLC, HEX.formatHex(joined), "cut at " + cut);
            assertEquals(List.of(FlowControl.XOFF, FlowControl.XON), signals, "cut at " + cut);
        }
    }
}
