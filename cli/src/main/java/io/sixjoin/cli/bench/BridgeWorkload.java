package io.sixjoin.cli.bench;

import io.sixjoin.bridge.BridgeConfig;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffEscaper;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.Ieee802154Address;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.LowpanContext;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Token;

/**
 * The traffic of {@code bench bridge}: what the border-router mote sends when a 1-hop pledge joins. Each frame is
 * an OpenWSN 'D' frame carrying, in OpenWSN's 6LoWPAN (IPHC, UDP inline), a real RFC 9031 Join Request (52-byte
 * OSCORE-protected CoAP POST with Uri-Host and Proxy-Scheme) from the pledge's link-local address to the root's,
 * HDLC-framed and XON/XOFF-escaped as the firmware writes it. Frames differ in their CoAP Message ID, which is the
 * sequence number the far end uses to match each packet to its write (so the checksum, FCS and escaping differ
 * too, as on a real line). {@link #RING} distinct frames are encoded before the run so that the writer does
 * nothing but write; the far end unwraps the 16-bit ID since packets arrive in order.
 */
final class BridgeWorkload {
    /** One frame per CoAP Message ID. */
    static final int RING = 1 << 16;
    static final int MOTE_ID = 0x0001;
    static final long ROOT_EUI = 0x141592cc0000b001L;
    static final long PLEDGE_EUI = 0x141592cc0000b002L;
    static final int COAP_PORT = 5683;
    /** Where the CoAP Message ID sits in the IPv6 packet the far end receives: IPv6 40 + UDP 8 + 2. */
    static final int MESSAGE_ID_OFFSET = Ipv6Packet.HEADER_LENGTH + UdpDatagram.HEADER_LENGTH + 2;
    static final PreSharedKey PLEDGE_PSK = PreSharedKey.parse("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    /** The bridge's own PSK for its 6LBR join, which the far end answers. */
    static final PreSharedKey BRIDGE_PSK = PreSharedKey.parse("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf");

    final byte[][] wire = new byte[RING][];
    final byte[][] expectedIpv6 = new byte[RING][];
    final int coapLength;
    final int lowpanLength;
    final int dataFrameLength;
    final double meanWireBytes;

    BridgeWorkload() {
        byte[] linkLocal = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0};
        Inet6Address pledge = address(linkLocal, PLEDGE_EUI);
        Inet6Address root = address(linkLocal, ROOT_EUI);
        LowpanContext ctx = new LowpanContext(Ieee802154Address.extended(bytes(PLEDGE_EUI)),
                Ieee802154Address.extended(bytes(ROOT_EUI)), BridgeConfig.DEFAULT_PREFIX,
                BridgeConfig.defaultJrcAddress(BridgeConfig.DEFAULT_PREFIX),
                Ieee802154Address.IidRule.OPENWSN_EUI64_AS_IS);
        byte[] coap = new PledgeJoinExchange(PLEDGE_PSK, PledgeId.of(bytes(PLEDGE_EUI)))
                .protect(JoinRequest.of(BridgeConfig.DEFAULT_NETWORK_ID), CoAP.Type.CON, 0, Token.EMPTY).datagram();
        coapLength = coap.length;
        long totalWire = 0;
        int lowpanLen = 0;
        for (int i = 0; i < RING; i++) {
            coap[2] = (byte) (i >>> 8);
            coap[3] = (byte) i;
            Ipv6Packet packet = new UdpDatagram(COAP_PORT, COAP_PORT, coap).toIpv6(pledge, root, 64);
            byte[] lowpan = LowpanCodec.compress(MeshPacket.plain(packet), ctx, LowpanCodec.Options.OPENWSN).bytes();
            lowpanLen = lowpan.length;
            byte[] frame = MoteFrameCodec.encode(new MoteFrame.Data(MOTE_ID, 1000L + i, ROOT_EUI, PLEDGE_EUI,
                    lowpan));
            wire[i] = XonXoffEscaper.escape(HdlcEncoder.encode(frame));
            expectedIpv6[i] = packet.encode();
            totalWire += wire[i].length;
        }
        lowpanLength = lowpanLen;
        dataFrameLength = MoteFrame.Data.HEADER_LENGTH + lowpanLen;
        meanWireBytes = totalWire / (double) RING;
    }

    /** The frame for sequence number {@code seq}. */
    byte[] frame(long seq) {
        return wire[(int) (seq & (RING - 1))];
    }

    /** Whether {@code packet} is exactly what frame {@code seq} carried. */
    boolean intact(long seq, byte[] packet, int length) {
        byte[] expected = expectedIpv6[(int) (seq & (RING - 1))];
        return length == expected.length && Arrays.equals(expected, 0, length, packet, 0, length);
    }

    int minWireBytes() {
        return Arrays.stream(wire).mapToInt(w -> w.length).min().orElse(0);
    }

    int maxWireBytes() {
        return Arrays.stream(wire).mapToInt(w -> w.length).max().orElse(0);
    }

    static byte[] bytes(long eui64) {
        return ByteBuffer.allocate(8).putLong(eui64).array();
    }

    static Inet6Address address(byte[] prefix8, long iid) {
        byte[] a = Arrays.copyOf(prefix8, 16);
        System.arraycopy(bytes(iid), 0, a, 8, 8);
        try {
            return (Inet6Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
