package io.sixjoin.bridge.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sixjoin.bridge.pcap.PacketCapture;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.pcap.PcapWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The UDP tunnel against a plain socket playing the JRC's tunnel endpoint. */
@Timeout(30)
class TunnelUplinkTest {
    static byte[] packet(String src, String dst) throws Exception {
        return new UdpDatagram(5683, 5683, new byte[] {0x50, 0x01, 0, 1})
                .toIpv6((Inet6Address) InetAddress.getByName(src), (Inet6Address) InetAddress.getByName(dst), 64)
                .encode();
    }

    @Test
    void onePacketPerDatagramBothWays() throws Exception {
        try (DatagramSocket jrc = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            jrc.setSoTimeout(5000);
            BlockingQueue<byte[]> down = new LinkedBlockingQueue<>();
            try (TunnelUplink uplink = new TunnelUplink((InetSocketAddress) jrc.getLocalSocketAddress(), null)) {
                uplink.start(down::add);
                byte[] up = packet("bbbb::1415:92cc:0:2", "bbbb::1415:92cc:0:1");
                uplink.send(up);
                DatagramPacket got = new DatagramPacket(new byte[4096], 4096);
                jrc.receive(got);
                assertArrayEquals(up, Arrays.copyOf(got.getData(), got.getLength()), "the packet, nothing else");

                byte[] answer = packet("bbbb::1415:92cc:0:1", "bbbb::1415:92cc:0:2");
                jrc.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, got.getSocketAddress()));
                jrc.send(new DatagramPacket(answer, answer.length, got.getSocketAddress()));
                assertArrayEquals(answer, down.poll(5, TimeUnit.SECONDS));
                assertEquals(1, uplink.rejected(), "a datagram that is not IPv6 is dropped");
                assertEquals(1, uplink.sent());
                assertEquals(1, uplink.received());
            }
        }
    }

    @Test
    void datagramsFromOthersNeverReachTheMesh() throws Exception {
        try (DatagramSocket jrc = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket stranger = new DatagramSocket()) {
            BlockingQueue<byte[]> down = new LinkedBlockingQueue<>();
            try (TunnelUplink uplink = new TunnelUplink((InetSocketAddress) jrc.getLocalSocketAddress(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                uplink.start(down::add);
                byte[] p = packet("bbbb::1", "bbbb::2");
                stranger.send(new DatagramPacket(p, p.length, uplink.localAddress()));
                assertNull(down.poll(300, TimeUnit.MILLISECONDS));
            }
        }
    }

    @Test
    void oversizePacketsAreRefused() throws Exception {
        try (TunnelUplink uplink = new TunnelUplink(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), null)) {
            assertThrows(IOException.class, () -> uplink.send(new byte[TunnelUplink.MAX_PACKET_SIZE + 1]));
        }
    }

    @Test
    void capturingUplinkRecordsBothDirections() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PacketCapture capture = new PacketCapture(new PcapWriter(file, PcapWriter.LINKTYPE_IPV6), null, 0xCAFE,
                Clock.systemUTC());
        FakeUplink fake = new FakeUplink();
        BlockingQueue<byte[]> down = new LinkedBlockingQueue<>();
        try (Uplink uplink = new CapturingUplink(fake, capture)) {
            uplink.start(down::add);
            byte[] p = packet("bbbb::1", "bbbb::2");
            uplink.send(p);
            fake.deliver(p);
            assertArrayEquals(p, fake.sent.poll());
            assertArrayEquals(p, down.poll());
        }
        assertEquals(24 + 2 * (16 + 52), file.size());
    }
}
