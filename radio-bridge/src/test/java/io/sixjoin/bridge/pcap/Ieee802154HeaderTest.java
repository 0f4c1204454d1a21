package io.sixjoin.bridge.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ieee802154HeaderTest {
    private static final HexFormat HEX = HexFormat.of();

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
