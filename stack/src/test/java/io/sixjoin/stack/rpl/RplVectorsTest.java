package io.sixjoin.stack.rpl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.rpl.RplFormatException.Reason;
import io.sixjoin.stack.rpl.RplOption.DodagConfiguration;
import io.sixjoin.stack.rpl.RplOption.PadN;
import io.sixjoin.stack.rpl.RplOption.PrefixInformation;
import io.sixjoin.stack.rpl.RplOption.Target;
import io.sixjoin.stack.rpl.RplOption.Transit;
import io.sixjoin.stack.rpl.RplOption.Unknown;

/**
 * Byte-exact RPL vectors. The DAO follows the layout of the OpenWSN reference §2.3 (RFC 6550 §6.4.1, §6.7.7,
 * §6.7.8): node 3 ({@code bbbb::1415:92cc:0:3}) reports parent node 2 to the root's DODAGID; the path
 * sequence and lifetime values are illustrative. Its ICMPv6 checksum 0x60cd was computed outside the code
 * under test (Python RFC 1071 sum over the RFC 8200 pseudo-header). Emit tests write into sentinel-filled
 * buffers so stray writes show.
 */
class RplVectorsTest {
    static final HexFormat HEX = HexFormat.of();
    static final Inet6Address ROOT = v6("bbbb::1415:92cc:0:1");
    static final Inet6Address NODE2 = v6("bbbb::1415:92cc:0:2");
    static final Inet6Address NODE3 = v6("bbbb::1415:92cc:0:3");

    static final String DAO_BODY = "00" // RPLInstanceID 0
            + "40" // K=0, D=1 (DODAGID present; OpenWSN D_DAO = 1<<6)
            + "00" // reserved
            + "07" // DAOSequence 7
            + "bbbb000000000000141592cc00000001" // DODAGID = bbbb::<root EUI-64>
            + "06" + "14" // Transit Information, 20 bytes
            + "00" + "00" + "0a" + "aa" // E=0 flags, Path Control 0, Path Sequence 10, Path Lifetime 0xaa
            + "bbbb000000000000" + "141592cc00000002" // parent prefix + parent IID (node 2)
            + "05" + "12" // RPL Target, 18 bytes
            + "00" + "80" // flags 0, prefix length 128
            + "bbbb000000000000" + "141592cc00000003"; // target: node 3 itself
    static final String DAO_PACKET = "60000000" + "0042" + "3a" + "40" // IPv6, 66 bytes of ICMPv6, hop limit 64
            + "bbbb000000000000141592cc00000003" + "bbbb000000000000141592cc00000001"
            + "9b" + "02" + "60cd" // ICMPv6 type 155 (RPL), code 2 (DAO), checksum
            + DAO_BODY;

    static Inet6Address v6(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Dao expectedDao() {
        return new Dao(0, false, 7, Optional.of(ROOT), List.of(new Transit(false, 0, 10, 0xAA, Optional.of(NODE2)),
                Target.of(NODE3)));
    }

    @Test
    void parsesTheOpenWsnDao() throws Exception {
        Ipv6Packet packet = Ipv6Packet.parse(HEX.parseHex(DAO_PACKET));
        Icmpv6Message icmp = Icmpv6Message.parse(packet);
        assertEquals(Icmpv6Message.TYPE_RPL, icmp.type());
        Dao dao = Dao.parse(icmp);
        assertEquals(expectedDao(), dao);
        assertEquals(Optional.of(NODE3), ((Target) dao.options().get(1)).address());
    }

    @Test
    void encodesTheOpenWsnDaoIntoASentinelBuffer() {
        Dao dao = expectedDao();
        byte[] buffer = new byte[dao.encodedLength() + 4];
        Arrays.fill(buffer, (byte) 0xA5);
        dao.emitTo(buffer, 2);
        assertEquals("a5a5" + DAO_BODY + "a5a5", HEX.formatHex(buffer));
        assertEquals(DAO_PACKET, HEX.formatHex(dao.toIcmpv6().toIpv6(NODE3, ROOT, 64).encode()));
    }

    @Test
    void refusesABadChecksumAndTheWrongCode() throws Exception {
        byte[] bytes = HEX.parseHex(DAO_PACKET);
        bytes[bytes.length - 1] ^= 1;
        Ipv6Packet corrupted = Ipv6Packet.parse(bytes);
        assertEquals(Reason.BAD_CHECKSUM,
                assertThrows(RplFormatException.class, () -> Icmpv6Message.parse(corrupted)).reason());
        Icmpv6Message dio = new Icmpv6Message(155, Dio.CODE, new byte[24]);
        assertEquals(Reason.WRONG_MESSAGE, assertThrows(RplFormatException.class, () -> Dao.parse(dio)).reason());
    }

    @Test
    void daoAckRoundTrips() throws Exception {
        DaoAck ack = new DaoAck(0, 7, 0, Optional.of(ROOT), List.of());
        byte[] buffer = new byte[ack.encodedLength() + 2];
        Arrays.fill(buffer, (byte) 0xA5);
        ack.emitTo(buffer, 1);
        assertEquals("a5" + "00" + "80" + "07" + "00" + "bbbb000000000000141592cc00000001" + "a5",
                HEX.formatHex(buffer));
        assertEquals(ack, DaoAck.parse(Icmpv6Message.parse(ack.toIcmpv6().toIpv6(ROOT, NODE3, 64))));
    }

    @Test
    void encodesAnOpenWsnStyleDio() throws Exception {
        // reference §2.3: instance 0, version 0, root rank 256, G=1, MOP=1 (non-storing), OCP 0, prefix bbbb::/64
        DodagConfiguration config = new DodagConfiguration(0, 12, 3, 10, 2048, 256, 0, 0xFF, 60);
        PrefixInformation pio = new PrefixInformation(64, 0x60, 0xFFFFFFFFL, 0xFFFFFFFFL, ROOT);
        Dio dio = new Dio(0, 0, 256, true, Dio.MOP_NON_STORING, 0, 33, 0, ROOT, List.of(config, pio, new PadN(2)));
        String expected = "00" + "00" + "0100" // instance, version, rank 256
                + "88" // G=1, 0, MOP=001, Prf=000
                + "21" + "00" + "00" // DTSN 33, flags, reserved
                + "bbbb000000000000141592cc00000001" // DODAGID
                + "04" + "0e" + "00" + "0c" + "03" + "0a" + "0800" + "0100" + "0000" + "00" + "ff" + "003c"
                + "08" + "1e" + "40" + "60" + "ffffffff" + "ffffffff" + "00000000"
                + "bbbb000000000000141592cc00000001"
                + "01" + "02" + "0000"; // PadN of 2
        byte[] buffer = new byte[dio.encodedLength() + 2];
        Arrays.fill(buffer, (byte) 0xA5);
        dio.emitTo(buffer, 1);
        assertEquals("a5" + expected + "a5", HEX.formatHex(buffer));
        assertEquals(dio, Dio.parse(HEX.parseHex(expected)));
    }

    @Test
    void unknownOptionsSurviveAndPad1IsOneByte() throws Exception {
        byte[] area = HEX.parseHex("00" + "02" + "03" + "aabbcc" + "00");
        List<RplOption> options = RplOptions.parse(area, 0, area.length);
        assertEquals(List.of(new RplOption.Pad1(), new Unknown(2, HEX.parseHex("aabbcc")), new RplOption.Pad1()),
                options);
        assertArrayEquals(area, RplOptions.encode(options));
        assertEquals(Reason.BAD_OPTION, assertThrows(RplFormatException.class,
                () -> RplOptions.parse(HEX.parseHex("0607" + "00000000000000"), 0, 9)).reason());
        assertEquals(Reason.TRUNCATED, assertThrows(RplFormatException.class,
                () -> RplOptions.parse(HEX.parseHex("0514" + "0080"), 0, 4)).reason());
    }
}
