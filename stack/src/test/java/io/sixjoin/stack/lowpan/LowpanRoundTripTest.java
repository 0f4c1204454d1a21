package io.sixjoin.stack.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.lowpan.LowpanFormatException.Reason;

/**
 * {@code decompress(compress(x)) == x} for generated packets under every option set, plus the size
 * contract between {@link LowpanCodec#headerGrowth} and {@link MeshPacket#expandedLength}, and the
 * decoders' refusals of reserved and unsupported encodings (RFC 6282 §3.1.1, RFC 8138 §5.1).
 */
class LowpanRoundTripTest {
    static final HexFormat HEX = HexFormat.of();
    static final LowpanCodec.Options[] OPTIONS = {LowpanCodec.Options.DEFAULT, LowpanCodec.Options.OPENWSN,
        new LowpanCodec.Options(false, true, true)};

    @Test
    void generatedPacketsRoundTrip() throws LowpanFormatException {
        Random r = new Random(0x6282_8138L);
        for (int i = 0; i < 20000; i++) {
            LowpanContext ctx = RandomPackets.context(r);
            MeshPacket p = RandomPackets.mesh(r, ctx);
            LowpanCodec.Options options = OPTIONS[r.nextInt(OPTIONS.length)];
            LowpanCodec.Compressed c = LowpanCodec.compress(p, ctx, options);
            assertEquals(p, LowpanCodec.decompress(c.bytes(), ctx), "case " + i + " " + c);
            assertEquals(p.expandedLength(), c.datagramSize());
            int growth = LowpanCodec.headerGrowth(c.bytes());
            assertEquals(p.expandedLength() - c.bytes().length, growth, "case " + i);
        }
    }

    @Test
    void compressionPicksTheShortForms() {
        LowpanContext ctx = LowpanVectorsTest.link(2, 1);
        Inet6Address src = LowpanVectorsTest.v6("fe80::1415:92cc:0:2");
        Inet6Address dst = LowpanVectorsTest.v6("ff02::1a");
        Ipv6Packet p = Ipv6Packet.of(Ipv6Packet.ICMPV6, 255, src, dst, new byte[] {1, 2});
        // no page (pageOne off): IPHC TF=11 NH inline HLIM=11 | SAM=11 (from link) M=1 DAM=11 (ff02::XX)
        String expected = "7b" + "3b" + "3a" + "1a" + "0102";
        assertEquals(expected, HEX.formatHex(LowpanCodec.compress(MeshPacket.plain(p), ctx,
                new LowpanCodec.Options(false, true, true)).bytes()));
    }

    @Test
    void decodesTheInlineFormsOfRfc6282() throws LowpanFormatException {
        LowpanContext ctx = LowpanVectorsTest.link(2, 1);
        // TF=00 (ECN 1, DSCP 46, flow 0x12345), NH inline, HLIM inline, SAM=10 (16 bits), M=1 DAM=10 (32 bits)
        Ipv6Packet a = LowpanCodec.decompress(HEX.parseHex("60" + "2a" + "6e" + "012345" + "3a" + "05" + "0007"
                + "05" + "010003" + "abcd"), ctx).packet();
        assertEquals(new Ipv6Packet(46 << 2 | 1, 0x12345, 58, 5, LowpanVectorsTest.v6("fe80::ff:fe00:7"),
                LowpanVectorsTest.v6("ff05::1:3"), HEX.parseHex("abcd")), a);
        // TF=01 (ECN 2, flow 0xabcde, DSCP elided), both addresses from the link layer
        Ipv6Packet b = LowpanCodec.decompress(HEX.parseHex("6b" + "33" + "8abcde" + "3a"), ctx).packet();
        assertEquals(2, b.trafficClass());
        assertEquals(0xABCDE, b.flowLabel());
        assertEquals(LowpanVectorsTest.v6("fe80::1415:92cc:0:2"), b.source());
        // M=1 DAC=1 DAM=00: RFC 3306 unicast-prefix-based multicast, prefix and length from context 0
        Ipv6Packet c = LowpanCodec.decompress(HEX.parseHex("7b" + "3c" + "3a" + "3e00" + "12345678"), ctx)
                .packet();
        assertEquals(LowpanVectorsTest.v6("ff3e:40:bbbb::1234:5678"), c.destination());
    }

    @Test
    void longRoutesSplitIntoAtMostThreeRh3Headers() throws LowpanFormatException {
        LowpanContext ctx = LowpanVectorsTest.link(1, 2);
        List<Inet6Address> hops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hops.add(LowpanVectorsTest.v6("bbbb::" + Integer.toHexString((i * 4099 + 7) & 0xFFFF) + ":" + i));
        }
        Ipv6Packet p = Ipv6Packet.of(59, 64, ctx.root(), LowpanVectorsTest.v6("bbbb::99"), new byte[0]);
        MeshPacket m = MeshPacket.downstream(p, hops);
        assertEquals(m, LowpanCodec.decompress(LowpanCodec.compress(m, ctx).bytes(), ctx));
        List<Inet6Address> tooMany = new ArrayList<>();
        for (int i = 0; i < 97; i++) {
            tooMany.add(LowpanVectorsTest.v6("2001:db8::" + Integer.toHexString(i)));
        }
        assertThrows(IllegalArgumentException.class,
                () -> LowpanCodec.compress(MeshPacket.downstream(p, tooMany), ctx));
    }

    @Test
    void refusesReservedAndUnknownEncodings() {
        LowpanContext ctx = LowpanVectorsTest.link(2, 1);
        assertReason(Reason.RESERVED_ENCODING, "7b" + "34" + "3a"); // DAC=1 DAM=00 unicast
        assertReason(Reason.RESERVED_ENCODING, "7b" + "3d" + "3a" + "01"); // M=1 DAC=1 DAM=01
        assertReason(Reason.UNKNOWN_CONTEXT, "7b" + "b3" + "10" + "3a"); // CID=1, SCI 1
        assertReason(Reason.UNSUPPORTED_NHC, "7f" + "33" + "e1"); // IPv6 extension-header NHC
        assertReason(Reason.UNKNOWN_CRITICAL_6LORH, "f1" + "80" + "0f" + "7b33");
        assertReason(Reason.BAD_6LORH, "f1" + "8305ff" + "8305ff" + "7b33"); // two RPIs
        assertReason(Reason.BAD_6LORH, "f1" + "a4" + "06" + "40000000" + "7b33"); // IP-in-IP length 4
        assertReason(Reason.BAD_6LORH, "f1" + "800001" + "800002" + "800003" + "800004" + "7b33");
        assertReason(Reason.UNSUPPORTED_DISPATCH, "c0" + "1234");
        assertReason(Reason.TRUNCATED, "f1" + "81" + "03" + "1122");
        assertReason(Reason.BAD_IPV6, "41" + "50");
        assertTrue(ctx.root() != null);
    }

    @Test
    void skipsUnknownElective6LoRH() throws LowpanFormatException {
        // RFC 8138 §5.1: an elective 6LoRH may be ignored; type 7 (RFC 9034 deadline) with 3 bytes
        MeshPacket p = LowpanCodec.decompress(HEX.parseHex("f1" + "a3" + "07" + "010203" + "7b33" + "3a"),
                LowpanVectorsTest.link(2, 1));
        assertEquals(58, p.packet().nextHeader());
    }

    private static void assertReason(Reason reason, String hex) {
        LowpanFormatException e = assertThrows(LowpanFormatException.class,
                () -> LowpanCodec.decompress(HEX.parseHex(hex), LowpanVectorsTest.link(2, 1)), hex);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
