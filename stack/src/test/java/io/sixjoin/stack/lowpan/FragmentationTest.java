package io.sixjoin.stack.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.Reassembler.Complete;
import io.sixjoin.stack.lowpan.Reassembler.DropReason;
import io.sixjoin.stack.lowpan.Reassembler.Dropped;
import io.sixjoin.stack.lowpan.Reassembler.Pending;

/**
 * RFC 4944 §5.3 fragmentation and reassembly: header layout, offsets in the uncompressed datagram, any
 * arrival order, and the drop rules (overlap, timeout at injected time, capacity, size).
 */
class FragmentationTest {
    static final HexFormat HEX = HexFormat.of();
    static final Ieee802154Address SENDER = LowpanVectorsTest.mote(2);

    static LowpanCodec.Compressed large(int payload) {
        LowpanContext ctx = LowpanVectorsTest.link(1, 2);
        byte[] data = new byte[payload];
        for (int i = 0; i < payload; i++) {
            data[i] = (byte) i;
        }
        Ipv6Packet p = new UdpDatagram(5683, 5683, data).toIpv6(ctx.root(),
                LowpanVectorsTest.v6("bbbb::1415:92cc:0:4"), 64);
        return LowpanCodec.compress(MeshPacket.downstream(p, List.of(LowpanVectorsTest.v6("bbbb::1415:92cc:0:2"))),
                ctx, LowpanCodec.Options.OPENWSN);
    }

    @Test
    void fragmentHeadersFollowRfc4944() {
        LowpanCodec.Compressed c = large(200);
        List<byte[]> frames = new Fragmenter(80).fragment(c, 0x1234);
        int size = c.datagramSize(); // IPv6 40 + UDP 8 + 200 + RH3 8 + 16 = 272 = 0x110
        assertEquals(272, size);
        byte[] f1 = frames.get(0);
        assertEquals("c110" + "1234", HEX.formatHex(f1, 0, 4)); // 11000 | size 0x110, tag 0x1234
        // headers: page 1 + RH3 3 + IPHC 2 + NH 1 + IIDs 16 = 23 compressed bytes, expanding to RH3 24 + IPv6
        // 40 = 64; the FRAG1 payload is cut so that 64 + payload is a multiple of 8: 80 - 4 - 23 = 53 -> 48
        assertEquals(4 + 23 + 48, f1.length);
        byte[] f2 = frames.get(1);
        assertEquals("e110" + "1234" + "0e", HEX.formatHex(f2, 0, 5)); // offset (64 + 48) / 8 = 14
        assertEquals(5 + 72, f2.length); // (80 - 5) rounded down to a multiple of 8
        assertTrue(frames.stream().allMatch(f -> f.length <= 80));
    }

    @Test
    void reassemblesInAnyOrder() {
        Random r = new Random(4944);
        for (int i = 0; i < 200; i++) {
            LowpanCodec.Compressed c = large(60 + r.nextInt(1500));
            List<byte[]> frames = new ArrayList<>(new Fragmenter(40 + r.nextInt(90)).fragment(c, i));
            Collections.shuffle(frames, r);
            Reassembler reassembler = new Reassembler(4, Fragmenter.MAX_DATAGRAM_SIZE, 60_000);
            Reassembler.Result last = null;
            for (int k = 0; k < frames.size(); k++) {
                last = reassembler.accept(SENDER, frames.get(k), 1000 + k);
                if (k < frames.size() - 1) {
                    assertInstanceOf(Pending.class, last, "frame " + k);
                }
            }
            assertEquals(new Complete(SENDER, c.bytes()), last, "case " + i);
            assertEquals(0, reassembler.inProgress());
        }
    }

    @Test
    void unfragmentedFramesPassThrough() {
        Reassembler r = new Reassembler(1, 1280, 1000);
        byte[] frame = HEX.parseHex("7b333a");
        assertEquals(new Complete(SENDER, frame), r.accept(SENDER, frame, 0));
    }

    @Test
    void overlapDropsTheDatagramButDuplicatesAreHarmless() {
        List<byte[]> frames = new Fragmenter(80).fragment(large(300), 7);
        Reassembler r = new Reassembler(2, 2047, 60_000);
        assertInstanceOf(Pending.class, r.accept(SENDER, frames.get(0), 0));
        assertInstanceOf(Pending.class, r.accept(SENDER, frames.get(1), 1));
        assertInstanceOf(Pending.class, r.accept(SENDER, frames.get(1), 2)); // exact duplicate
        byte[] shifted = frames.get(2).clone();
        shifted[4]--; // one 8-byte unit early: overlaps fragment 1
        Reassembler.Result result = r.accept(SENDER, shifted, 3);
        assertEquals(DropReason.OVERLAP, ((Dropped) result).reason());
        assertEquals(0, r.inProgress());
    }

    @Test
    void incompleteDatagramsTimeOutAtInjectedTime() {
        List<byte[]> frames = new Fragmenter(80).fragment(large(300), 9);
        Reassembler r = new Reassembler(2, 2047, 5_000);
        r.accept(SENDER, frames.get(0), 10_000);
        assertEquals(15_000L, r.nextDeadline().getAsLong());
        assertEquals(List.of(), r.expire(14_999));
        List<Dropped> dropped = r.expire(15_000);
        assertEquals(1, dropped.size());
        assertEquals(DropReason.TIMEOUT, dropped.get(0).reason());
        assertTrue(r.nextDeadline().isEmpty());
    }

    @Test
    void boundedConcurrencyAndSize() {
        Reassembler r = new Reassembler(2, 1280, 60_000);
        for (int tag = 0; tag < 2; tag++) {
            assertInstanceOf(Pending.class, r.accept(SENDER, new Fragmenter(80).fragment(large(300), tag).get(0), 0));
        }
        Reassembler.Result third = r.accept(SENDER, new Fragmenter(80).fragment(large(300), 2).get(0), 0);
        assertEquals(DropReason.TOO_MANY_DATAGRAMS, ((Dropped) third).reason());
        Reassembler.Result big = r.accept(SENDER, new Fragmenter(80).fragment(large(1500), 3).get(1), 0);
        assertEquals(DropReason.TOO_LARGE, ((Dropped) big).reason());
        byte[] pastEnd = HEX.parseHex("e0100001" + "ff" + "0011223344556677"); // offset 2040 > size 16
        assertEquals(DropReason.MALFORMED, ((Dropped) r.accept(SENDER, pastEnd, 0)).reason());
    }
}
