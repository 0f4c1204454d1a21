package io.sixjoin.stack.ipv6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Byte-exact vectors for {@link Ipv6Packet} and {@link UdpDatagram}. The main vector was written by hand from
 * RFC 8200 §3 (header layout) and RFC 768 (UDP); its checksum 0x7dde was computed outside the code under test
 * (a short Python script summing the RFC 8200 §8.1 pseudo-header) and is recomputed here by
 * {@link #referenceChecksum}, a separate word-by-word RFC 1071 implementation that shares nothing with
 * {@code InternetChecksum}.
 */
class Ipv6VectorsTest {
    static final HexFormat HEX = HexFormat.of();

    /** A CoAP CON GET /peer, MID 0x1234, from a mote bbbb::2:2 port 5683 to the JRC bbbb::1 port 5683. */
    static final String COAP = "40011234" + "b470656572"; // hdr ver1 CON TKL0 GET MID; Uri-Path(11) "peer"
    static final String UDP = "1633" + "1633" + "0011" + "7dde" // src 5683, dst 5683, length 17, checksum
            + COAP;
    static final String IPV6 = "60000000" // version 6, traffic class 0, flow label 0
            + "0011" + "11" + "40" // payload length 17, next header UDP, hop limit 64
            + "bbbb0000000000000000000000020002" // source bbbb::2:2
            + "bbbb0000000000000000000000000001" // destination bbbb::1
            + UDP;

    static final Inet6Address MOTE = v6("bbbb::2:2");
    static final Inet6Address JRC = v6("bbbb::1");

    static Inet6Address v6(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void parsesTheHandWrittenVector() throws Ipv6FormatException {
        Ipv6Packet packet = Ipv6Packet.parse(HEX.parseHex(IPV6));
        assertEquals(Ipv6Packet.of(17, 64, MOTE, JRC, HEX.parseHex(UDP)), packet);
        UdpDatagram udp = UdpDatagram.parse(packet);
        assertEquals(new UdpDatagram(5683, 5683, HEX.parseHex(COAP)), udp);
    }

    @Test
    void encodesTheHandWrittenVector() {
        UdpDatagram udp = new UdpDatagram(5683, 5683, HEX.parseHex(COAP));
        assertEquals(IPV6, HEX.formatHex(udp.toIpv6(MOTE, JRC, 64).encode()));
    }

    @Test
    void checksumAgreesWithAnIndependentComputation() {
        byte[] udp = HEX.parseHex(UDP);
        udp[6] = 0;
        udp[7] = 0;
        assertEquals(0x7dde, referenceChecksum(MOTE, JRC, udp));
    }

    @Test
    void emitWritesOnlyItsOwnBytes() {
        Ipv6Packet packet = new UdpDatagram(5683, 5683, HEX.parseHex(COAP)).toIpv6(MOTE, JRC, 64);
        byte[] buffer = new byte[packet.encodedLength() + 6];
        Arrays.fill(buffer, (byte) 0xA5);
        packet.emitTo(buffer, 3);
        assertEquals("a5a5a5" + IPV6 + "a5a5a5", HEX.formatHex(buffer));

        UdpDatagram udp = new UdpDatagram(5683, 5683, HEX.parseHex(COAP));
        byte[] small = new byte[udp.encodedLength() + 2];
        Arrays.fill(small, (byte) 0xA5);
        udp.emitTo(small, 1, MOTE, JRC);
        assertEquals("a5" + UDP + "a5", HEX.formatHex(small));
    }

    @Test
    void trafficClassAndFlowLabelStraddleTheirNibbles() throws Ipv6FormatException {
        // RFC 8200 §3: version(4) | traffic class(8) | flow label(20): 6 | 0xAB | 0xCDEF1 -> 6a bc de f1
        Ipv6Packet packet = new Ipv6Packet(0xAB, 0xCDEF1, 59, 255, MOTE, JRC, new byte[0]);
        String hex = HEX.formatHex(packet.encode());
        assertEquals("6abcdef1" + "0000" + "3b" + "ff", hex.substring(0, 16));
        assertEquals(packet, Ipv6Packet.parse(packet.encode()));
    }

    @Test
    void skipsHopByHopAndDestinationOptions() throws Ipv6FormatException {
        String packet = "60000000" + "0021" + "00" + "40" // payload length 33, next header Hop-by-Hop
                + "bbbb0000000000000000000000020002" + "bbbb0000000000000000000000000001"
                + "3c00" + "0104" + "00000000" // HbH: next Destination Options, 8 bytes, PadN(4)
                + "1100" + "0104" + "00000000" // DestOpts: next UDP, 8 bytes, PadN(4)
                + UDP;
        Ipv6Packet parsed = Ipv6Packet.parse(HEX.parseHex(packet));
        assertEquals(Ipv6Packet.of(17, 64, MOTE, JRC, HEX.parseHex(UDP)), parsed);
        assertEquals(new UdpDatagram(5683, 5683, HEX.parseHex(COAP)), UdpDatagram.parse(parsed));
    }

    @Test
    void skipsAFinishedRoutingHeader() throws Ipv6FormatException {
        String packet = "60000000" + "0019" + "2b" + "40" // payload length 25, next header Routing
                + "bbbb0000000000000000000000020002" + "bbbb0000000000000000000000000001"
                + "1100" + "03" + "00" + "00000000" // RH: next UDP, 8 bytes, type 3 (RFC 6554), 0 segments left
                + UDP;
        assertEquals(Ipv6Packet.of(17, 64, MOTE, JRC, HEX.parseHex(UDP)), Ipv6Packet.parse(HEX.parseHex(packet)));
    }

    @Test
    void computedZeroChecksumIsSentAsAllOnes() throws Ipv6FormatException {
        // RFC 768: appending the checksum of a payload as one more word makes the sum 0xFFFF, its complement 0.
        byte[] payload = HEX.parseHex("0102030400000000");
        int first = referenceChecksum(MOTE, JRC, new UdpDatagram(1, 2, payload).encode(MOTE, JRC), true);
        payload[6] = (byte) (first >>> 8);
        payload[7] = (byte) first;
        byte[] udp = new UdpDatagram(1, 2, payload).encode(MOTE, JRC);
        assertEquals("ffff", HEX.formatHex(udp, 6, 8));
        assertEquals(new UdpDatagram(1, 2, payload), UdpDatagram.parse(udp, MOTE, JRC));
    }

    @Test
    void ipv4MappedAddressesStayIpv6() throws Ipv6FormatException {
        Inet6Address mapped = Ipv6Packet.address(HEX.parseHex("00000000000000000000ffffc0000201"), 0);
        Ipv6Packet packet = Ipv6Packet.of(17, 1, mapped, JRC, new UdpDatagram(7, 8, new byte[0]).encode(mapped, JRC));
        Ipv6Packet parsed = Ipv6Packet.parse(packet.encode());
        assertInstanceOf(Inet6Address.class, parsed.source());
        assertEquals(packet, parsed);
        assertArrayEquals(new byte[0], UdpDatagram.parse(parsed).payload());
    }

    static int referenceChecksum(Inet6Address src, Inet6Address dst, byte[] udpWithZeroChecksum) {
        return referenceChecksum(src, dst, udpWithZeroChecksum, false);
    }

    /**
     * RFC 1071 over the RFC 8200 §8.1 pseudo-header, written differently on purpose: the pseudo-header is
     * materialised as bytes and the carry is folded after every addition. With {@code ignoreField} the
     * datagram's checksum field is treated as zero.
     */
    static int referenceChecksum(Inet6Address src, Inet6Address dst, byte[] udp, boolean ignoreField) {
        byte[] all = new byte[40 + udp.length + 1];
        System.arraycopy(src.getAddress(), 0, all, 0, 16);
        System.arraycopy(dst.getAddress(), 0, all, 16, 16);
        all[34] = (byte) (udp.length >>> 8);
        all[35] = (byte) udp.length;
        all[39] = 17;
        System.arraycopy(udp, 0, all, 40, udp.length);
        if (ignoreField) {
            all[46] = 0;
            all[47] = 0;
        }
        int sum = 0;
        for (int i = 0; i + 1 < all.length; i += 2) {
            sum += ((all[i] & 0xFF) << 8) + (all[i + 1] & 0xFF);
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
