package io.sixjoin.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.bridge.pcap.PacketCapture;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.Fragmenter;
import io.sixjoin.stack.lowpan.Ieee802154Address;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.Reassembler;
import io.sixjoin.stack.openwsn.HostFrame;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Downstream refusals, each a counted drop, and fragmentation of a packet too big for one frame. */
class DownstreamPipelineTest {
    static final long ROOT = 0x141592cc00000001L;
    static final long PLEDGE = 0x141592cc00000002L;
    final BridgeStats stats = new BridgeStats();
    final List<HostFrame.DataDown> sent = new ArrayList<>();
    final List<Ipv6Packet> own = new ArrayList<>();
    final Mesh mesh = new Mesh(BridgeConfig.DEFAULT_PREFIX);
    final DownstreamPipeline pipeline = new DownstreamPipeline(mesh, PacketCapture.none(), stats, 80, f -> {
        sent.add((HostFrame.DataDown) f);
        return true;
    }, own::add);

    DownstreamPipelineTest() {
        mesh.root(ROOT);
    }

    static Inet6Address a(String text) throws Exception {
        return (Inet6Address) InetAddress.getByName(text);
    }

    static byte[] udp(String src, String dst, int size) throws Exception {
        return new UdpDatagram(5683, 5683, new byte[size]).toIpv6(a(src), a(dst), 64).encode();
    }

    @Test
    void everyRefusalIsCountedUnderItsReason() throws Exception {
        pipeline.accept(new byte[] {0x60, 0}, true, 0);
        pipeline.accept(udp("bbbb::1", "ff02::1a", 4), true, 0);
        byte[] unreachable = new io.sixjoin.stack.rpl.Icmpv6Message(1, 0, new byte[8])
                .toIpv6(a("bbbb::1"), a("bbbb::1415:92cc:0:2"), 64).encode();
        pipeline.accept(unreachable, true, 0);
        pipeline.accept(udp("bbbb::1", "bbbb::1415:92cc:0:2", 4), false, 0);
        pipeline.accept(udp("bbbb::1", "bbbb::1415:92cc:0:2", 4), true, 0);
        assertEquals(1, stats.drops(BridgeStats.Drop.BAD_IPV6));
        assertEquals(1, stats.drops(BridgeStats.Drop.MULTICAST));
        assertEquals(1, stats.drops(BridgeStats.Drop.UNREACHABLE_TO_MESH));
        assertEquals(1, stats.drops(BridgeStats.Drop.NOT_ROOT));
        assertEquals(1, stats.drops(BridgeStats.Drop.NO_ROUTE));
        assertTrue(sent.isEmpty());
        assertTrue(stats.summary().contains("no-route=1"), stats.summary());
    }

    @Test
    void packetsForTheBridgeGoToTheSession() throws Exception {
        mesh.ownAddress(a("bbbb::1415:92cc:0:1"));
        pipeline.accept(udp("bbbb::1", "bbbb::1415:92cc:0:1", 4), false, 0);
        assertEquals(1, own.size());
        assertTrue(sent.isEmpty());
    }

    @Test
    void aLargePacketIsFragmentedAndReassemblesOnTheMote() throws Exception {
        byte[] big = udp("fe80::1415:92cc:0:1", "fe80::1415:92cc:0:2", 300);
        pipeline.accept(big, true, 0);
        assertTrue(sent.size() >= 4, sent.size() + " frames");
        Reassembler mote = new Reassembler(4, Fragmenter.MAX_DATAGRAM_SIZE, 60_000);
        Reassembler.Result last = null;
        for (HostFrame.DataDown d : sent) {
            assertEquals(PLEDGE, d.nextHop());
            assertTrue(d.lowpan().length <= 80);
            last = mote.accept(Ieee802154Address.extended(Mesh.bytes(ROOT)), d.lowpan(), 0);
        }
        Reassembler.Complete done = (Reassembler.Complete) last;
        assertEquals(Ipv6Packet.parse(big), LowpanCodec.decompress(done.datagram(), mesh.context(ROOT, PLEDGE))
                .packet());
        assertEquals(1, stats.packetsDown());
    }
}
