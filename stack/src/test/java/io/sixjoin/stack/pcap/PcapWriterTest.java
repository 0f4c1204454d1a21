package io.sixjoin.stack.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void globalHeaderAndOneRecordAreByteExact() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_IPV6);
        assertEquals(24, out.size(), "header written at once");
        w.write(Instant.ofEpochSecond(0x5F5E100, 123_456_789), new byte[] {0x60, 0, 0, 0});
        String expected = ""
                + "d4c3b2a1" // magic, microsecond resolution, little-endian
                + "0200" + "0400" // version 2.4
                + "00000000" // thiszone (UTC)
                + "00000000" // sigfigs
                + "ffff0000" // snaplen 65535
                + "e5000000" // LINKTYPE_IPV6 = 229
                + "00e1f505" // ts_sec 100000000
                + "40e20100" // ts_usec 123456 (nanoseconds truncated)
                + "04000000" // incl_len
                + "04000000" // orig_len
                + "60000000";
        assertEquals(expected, HEX.formatHex(out.toByteArray()));
        assertEquals(1, w.records());
    }

    @Test
    void microsecondTimestampsSplitIntoSecondsAndMicros() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_IEEE802_15_4_WITHFCS);
        w.write(3_010_000L, new byte[] {1});
        byte[] b = out.toByteArray();
        assertEquals("c3000000", HEX.formatHex(b, 20, 24), "LINKTYPE_IEEE802_15_4_WITHFCS = 195");
        assertEquals("03000000" + "10270000", HEX.formatHex(b, 24, 32), "3 s + 10000 µs");
    }

    @Test
    void linkTypesAreTheRegisteredNumbers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, PcapWriter.LINKTYPE_IEEE802_15_4_NOFCS);
        assertArrayEquals(HEX.parseHex("e6000000"), Arrays.copyOfRange(out.toByteArray(), 20, 24));
    }

    @Test
    void timestampsOutsideTheFormatAreRefused() throws Exception {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), PcapWriter.LINKTYPE_IPV6);
        assertThrows(IllegalArgumentException.class, () -> w.write(-1L, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> w.write((1L << 32) * 1_000_000, new byte[1]));
        assertEquals(0, w.records());
    }

    @Test
    void flushingFollowsTheChoiceAndCloseEndsTheCapture() throws Exception {
        int[] flushes = new int[1];
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream counting = new FilterOutputStream(sink) {
            @Override
            public void flush() throws IOException {
                flushes[0]++;
                super.flush();
            }
        };
        PcapWriter w = new PcapWriter(counting, PcapWriter.LINKTYPE_IPV6, false);
        int afterHeader = flushes[0];
        w.write(0L, new byte[] {1});
        w.write(1L, new byte[] {2});
        assertEquals(afterHeader, flushes[0], "no flush per record");
        w.flush();
        assertEquals(afterHeader + 1, flushes[0]);
        w.close();
        w.close();
        assertThrows(IOException.class, () -> w.write(2L, new byte[] {3}));
        assertEquals(24 + 2 * 17, sink.size());
    }
}
