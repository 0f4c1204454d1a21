package io.sixjoin.stack.ipv6;

import static io.sixjoin.stack.ipv6.Ipv6VectorsTest.HEX;
import static io.sixjoin.stack.ipv6.Ipv6VectorsTest.IPV6;
import static io.sixjoin.stack.ipv6.Ipv6VectorsTest.JRC;
import static io.sixjoin.stack.ipv6.Ipv6VectorsTest.MOTE;
import static io.sixjoin.stack.ipv6.Ipv6VectorsTest.UDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.ipv6.Ipv6FormatException.Reason;

/**
 * One test per refusal reason, each starting from the hand-written vector in {@link Ipv6VectorsTest} and
 * breaking exactly one thing, so a reason can only pass for the right cause.
 */
class Ipv6MalformedTest {
    private static final String ADDRESSES = IPV6.substring(16, 80);

    private static Reason packetReason(String hex) {
        return assertThrows(Ipv6FormatException.class, () -> Ipv6Packet.parse(HEX.parseHex(hex))).reason();
    }

    private static Reason udpReason(byte[] udp) {
        return assertThrows(Ipv6FormatException.class, () -> UdpDatagram.parse(udp, MOTE, JRC)).reason();
    }

    @Test
    void shortHeaderIsTruncated() {
        assertEquals(Reason.TRUNCATED, packetReason(IPV6.substring(0, 78)));
        assertEquals(Reason.TRUNCATED, packetReason(""));
    }

    @Test
    void ipv4IsBadVersion() {
        Ipv6FormatException e = assertThrows(Ipv6FormatException.class,
                () -> Ipv6Packet.parse(HEX.parseHex("45" + IPV6.substring(2))));
        assertEquals(Reason.BAD_VERSION, e.reason());
        assertTrue(e.getMessage().contains("version 4"), e.getMessage());
    }

    @Test
    void payloadLengthMustMatchTheDatagram() {
        assertEquals(Reason.PAYLOAD_LENGTH_MISMATCH, packetReason(IPV6 + "00"));
        assertEquals(Reason.PAYLOAD_LENGTH_MISMATCH, packetReason(IPV6.substring(0, IPV6.length() - 2)));
        // A zero payload length announces a jumbogram (RFC 2675), which we do not accept.
        assertEquals(Reason.PAYLOAD_LENGTH_MISMATCH, packetReason("600000000000" + IPV6.substring(12)));
    }

    @Test
    void extensionHeadersMustFitAndBeInPlace() {
        String head = "60000000" + "0008" + "00" + "40" + ADDRESSES;
        assertEquals(Reason.TRUNCATED, packetReason("60000000" + "0004" + "00" + "40" + ADDRESSES + "11000104"));
        assertEquals(Reason.TRUNCATED, packetReason(head + "1101" + "010400000000")); // says 16 bytes, has 8
        String hopByHopSecond = "60000000" + "0010" + "3c" + "40" + ADDRESSES + "0000010400000000"
                + "1100010400000000";
        assertEquals(Reason.BAD_EXTENSION_HEADER, packetReason(hopByHopSecond));
        assertEquals(Reason.BAD_EXTENSION_HEADER, packetReason("60000000" + "0008" + "2b" + "40" + ADDRESSES
                + "1100" + "03" + "01" + "00000000")); // one segment left: not for us
    }

    @Test
    void fragmentsEspAndAhAreUnsupported() {
        for (String nh : new String[] {"2c", "32", "33"}) {
            assertEquals(Reason.UNSUPPORTED_NEXT_HEADER,
                    packetReason("60000000" + "0008" + nh + "40" + ADDRESSES + "1100000000000000"));
        }
    }

    @Test
    void udpParserRefusesOtherUpperLayers() {
        Ipv6Packet icmp = Ipv6Packet.of(Ipv6Packet.ICMPV6, 64, MOTE, JRC, HEX.parseHex(UDP));
        assertEquals(Reason.UNSUPPORTED_NEXT_HEADER,
                assertThrows(Ipv6FormatException.class, () -> UdpDatagram.parse(icmp)).reason());
    }

    @Test
    void udpHeaderAndLengthAreChecked() {
        byte[] udp = HEX.parseHex(UDP);
        assertEquals(Reason.TRUNCATED, udpReason(Arrays.copyOf(udp, 7)));
        byte[] longer = udp.clone();
        longer[5] = 18;
        assertEquals(Reason.BAD_UDP_LENGTH, udpReason(longer));
        byte[] tiny = udp.clone();
        tiny[5] = 4;
        assertEquals(Reason.BAD_UDP_LENGTH, udpReason(tiny));
    }

    @Test
    void zeroAndWrongChecksumsAreRefused() {
        byte[] zero = HEX.parseHex(UDP);
        zero[6] = 0;
        zero[7] = 0;
        assertEquals(Reason.ZERO_CHECKSUM, udpReason(zero));
        byte[] flipped = HEX.parseHex(UDP);
        flipped[flipped.length - 1] ^= 0x01;
        assertEquals(Reason.BAD_CHECKSUM, udpReason(flipped));
        // The pseudo-header counts: the same bytes between other addresses must fail.
        assertEquals(Reason.BAD_CHECKSUM, assertThrows(Ipv6FormatException.class,
                () -> UdpDatagram.parse(HEX.parseHex(UDP), MOTE, Ipv6VectorsTest.v6("bbbb::3"))).reason());
    }

    @Test
    void constructorsRefuseUnencodableValues() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Packet(256, 0, 17, 64, MOTE, JRC, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Packet(0, 1 << 20, 17, 64, MOTE, JRC, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Packet.of(17, 64, MOTE, JRC, new byte[65536]));
        assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(65536, 1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new UdpDatagram(1, 1, new byte[65528]));
    }
}
