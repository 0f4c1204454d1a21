package io.sixjoin.bridge.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void globalHeaderAndOneRecordAreByteExact() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0x5F5E100, 123_456_789), ZoneOffset.UTC);
        PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_IPV6, clock);
        assertEquals(24, out.size(), "header written and flushed at once");
        w.write(new byte[] {0x60, 0, 0, 0});
        String expected = ""
                + "d4c3b2a1" // magic, microsecond resolution, little-endian
                + "0200" + "0400" // version 2.4
                + "00000000" // thiszone (UTC)
                + "00000000" // sigfigs
                + "ffff0000" // snaplen 65535
                + "e5000000" // LINKTYPE_IPV6 = 229
                + "00e1f505" // ts_sec 100000000
                + "40e20100" // ts_usec 123456
                + "04000000" // incl_len
                + "04000000" // orig_len
                + "60000000";
        assertEquals(expected, HEX.formatHex(out.toByteArray()));
        assertEquals(1, w.records());
    }

    @Test
    void lowpanLinkTypeIs230() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, PcapWriter.LINKTYPE_IEEE802_15_4_NOFCS, Clock.systemUTC());
        assertArrayEquals(HEX.parseHex("e6000000"), java.util.Arrays.copyOfRange(out.toByteArray(), 20, 24));
    }

    @Test
    void macHeaderCarriesReversedExtendedAddresses() {
        byte[] src = HEX.parseHex("141592cc00000002");
        byte[] dst = HEX.parseHex("141592cc00000001");
        byte[] f = Ieee802154Header.frame(0x105, 0xCAFE, src, dst, HEX.parseHex("7a"));
        String expected = ""
                + "01ee" // FCF: data, IE present, dst ext, version 2015, src ext
                + "05" // sequence number, modulo 256
                + "feca" // PAN 0xCAFE, little-endian
                + "01000000cc921514" // destination EUI-64, least significant byte first
                + "02000000cc921514" // source EUI-64
                + "003f" // Header Termination 1 IE
                + "0498" // payload IE: length 4, group 3 (MPX)
                + "00" // MPX transaction control: full frame
                + "eda0" // Multiplex ID 0xA0ED: LoWPAN encapsulation
                + "7a";
        assertEquals(expected, HEX.formatHex(f));
    }
}
