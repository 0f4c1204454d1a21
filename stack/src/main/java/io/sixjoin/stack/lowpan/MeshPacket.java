package io.sixjoin.stack.lowpan;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;

/**
 * One decompressed 6LoWPAN datagram as the border router sees it: the inner IPv6 packet plus what RFC 8138
 * carried around it, namely the RPL Packet Information (RFC 6553 as RPI-6LoRH), the outer header of an
 * IP-in-IP tunnel (IP-in-IP 6LoRH) and the strict source route (RH3-6LoRH, RFC 6554). Upstream the bridge
 * hands {@link #packet} to the JRC and {@link #rpl} to RPL; downstream it builds one with
 * {@link #downstream} and {@link LowpanCodec#compress}.
 *
 * <pre>{@code
 * MeshPacket up = LowpanCodec.decompress(lowpan, ctx);
 * UdpDatagram udp = up.udp();                       // checksum verified
 * MeshPacket down = MeshPacket.downstream(reply, hops);  // hops: first hop .. last intermediate
 * }</pre>
 *
 * @param rpl         the RPI, if the packet carried one
 * @param tunnel      the IP-in-IP outer header fields, if the packet was tunnelled
 * @param sourceRoute the RH3 hops in forwarding order, first hop first, final destination excluded
 *                    (it is {@code packet.destination()}); empty when no RH3 was present
 * @param packet      the inner IPv6 packet
 */
public record MeshPacket(Optional<RplInfo> rpl, Optional<IpInIp> tunnel, List<Inet6Address> sourceRoute,
        Ipv6Packet packet) {
    public MeshPacket {
        Objects.requireNonNull(rpl, "rpl");
        Objects.requireNonNull(tunnel, "tunnel");
        sourceRoute = List.copyOf(sourceRoute);
        Objects.requireNonNull(packet, "packet");
    }

    /** A packet with no RPL information at all (one link, plain IPHC). */
    public static MeshPacket plain(Ipv6Packet packet) {
        return new MeshPacket(Optional.empty(), Optional.empty(), List.of(), packet);
    }

    /** A downstream packet along {@code hops} (first hop .. last intermediate) with no RPI and no tunnel. */
    public static MeshPacket downstream(Ipv6Packet packet, List<Inet6Address> hops) {
        return new MeshPacket(Optional.empty(), Optional.empty(), hops, packet);
    }

    /**
     * A downstream packet along {@code path} as {@code SourceRoutingTable.routeTo} returns it (first hop ..
     * destination): the destination is dropped from the hops, since IPHC carries it.
     */
    public static MeshPacket alongPath(Ipv6Packet packet, List<Inet6Address> path) {
        if (!path.isEmpty() && path.get(path.size() - 1).equals(packet.destination())) {
            return downstream(packet, path.subList(0, path.size() - 1));
        }
        return downstream(packet, path);
    }

    /**
     * The inner packet's UDP datagram, its checksum verified.
     *
     * @throws Ipv6FormatException if the inner packet is not UDP or the datagram is malformed
     */
    public UdpDatagram udp() throws Ipv6FormatException {
        return UdpDatagram.parse(packet);
    }

    /**
     * Size of this datagram fully uncompressed (the RFC 4944 datagram_size): the inner packet, a 40-byte
     * outer header when tunnelled, an 8-byte Hop-by-Hop header for the RPI (RFC 6553) and an RFC 6554
     * routing header with every hop written out in 16 bytes.
     */
    public int expandedLength() {
        return packet.encodedLength() + (tunnel.isPresent() ? Ipv6Packet.HEADER_LENGTH : 0)
                + (rpl.isPresent() ? 8 : 0) + (sourceRoute.isEmpty() ? 0 : 8 + 16 * sourceRoute.size());
    }

    /**
     * The RFC 6553 RPL Option fields as RFC 8138 §6.3 carries them in an RPI-6LoRH.
     *
     * @param down            O: the packet travels down the DODAG
     * @param rankError       R: a rank inconsistency was seen
     * @param forwardingError F: the packet could not be forwarded (RFC 6550 §11.2)
     * @param instanceId      RPLInstanceID (0..255); 0 is elided on the wire with the I flag
     * @param senderRank      SenderRank (0..65535); a multiple of 256 goes as its high byte with the K flag
     */
    public record RplInfo(boolean down, boolean rankError, boolean forwardingError, int instanceId,
            int senderRank) {
        public RplInfo {
            if (instanceId < 0 || instanceId > 0xFF || senderRank < 0 || senderRank > 0xFFFF) {
                throw new IllegalArgumentException("instance " + instanceId + " / rank " + senderRank);
            }
        }
    }

    /**
     * The outer header of an RFC 8138 §7 IP-in-IP 6LoRH.
     *
     * @param hopLimit     outer hop limit
     * @param encapsulator outer source address (elided on the wire when it is the root)
     */
    public record IpInIp(int hopLimit, Inet6Address encapsulator) {
        public IpInIp {
            if (hopLimit < 0 || hopLimit > 0xFF) {
                throw new IllegalArgumentException("hop limit " + hopLimit);
            }
            Objects.requireNonNull(encapsulator, "encapsulator");
        }
    }
}
