package io.sixjoin.jrc.tunnel;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;

/**
 * Settings of one JRC tunnel endpoint, the socket radio bridges send their IPv6-in-UDP traffic to. The
 * default {@link #maxPacketSize} of 2047 bytes is the largest IPv6 packet an RFC 4944 §5.3 fragmentation
 * header can describe (11-bit datagram_size): nothing a bridge reassembled from a 6LoWPAN mesh can be bigger,
 * so a larger datagram is not mesh traffic and is dropped unread; it is also above the 1280-byte IPv6 minimum
 * MTU (RFC 8200 §5) that every 6LoWPAN link must carry, and below Californium's own 2048-byte UDP buffer.
 *
 * @param bindAddress       local socket the bridges send to (IPv4 or IPv6; port 0 picks a free one)
 * @param coapPort          the JRC's CoAP port inside the mesh; datagrams to other ports are dropped, and
 *                          answers leave from it
 * @param defaultJrcAddress the JRC's address in the mesh used as source towards motes that have not sent us
 *                          anything yet, or {@code null} to reuse the address their /64 neighbours used
 * @param maxPacketSize     largest tunnelled IPv6 packet accepted or sent, header included
 * @param maxRoutes         bound on remembered motes (and, separately, /64 prefixes); the least recently used
 *                          entry is forgotten first, so spoofed sources cannot grow memory without limit
 */
public record TunnelConfig(InetSocketAddress bindAddress, int coapPort, Inet6Address defaultJrcAddress,
        int maxPacketSize, int maxRoutes) {
    /** RFC 7252 default CoAP port. */
    public static final int DEFAULT_COAP_PORT = 5683;
    /** RFC 4944 §5.3: an 11-bit datagram_size. */
    public static final int DEFAULT_MAX_PACKET_SIZE = 2047;
    /** Enough for a few PANs of OpenWSN-sized networks. */
    public static final int DEFAULT_MAX_ROUTES = 4096;
    /** RFC 8200 §5 minimum link MTU; a smaller limit could refuse legitimate packets. */
    public static final int MIN_PACKET_SIZE = 1280;

    public TunnelConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (coapPort < 1 || coapPort > 0xFFFF) {
            throw new IllegalArgumentException("coapPort " + coapPort + " outside 1..65535");
        }
        int largest = Ipv6Packet.HEADER_LENGTH + Ipv6Packet.MAX_PAYLOAD_LENGTH;
        if (maxPacketSize < MIN_PACKET_SIZE || maxPacketSize > largest) {
            throw new IllegalArgumentException(
                    "maxPacketSize " + maxPacketSize + " outside " + MIN_PACKET_SIZE + ".." + largest);
        }
        if (maxRoutes < 1) {
            throw new IllegalArgumentException("maxRoutes " + maxRoutes + " must be positive");
        }
    }

    /** Defaults: CoAP port 5683, no default mesh address, 2047-byte packets, 4096 routes. */
    public static TunnelConfig of(InetSocketAddress bindAddress) {
        return new TunnelConfig(bindAddress, DEFAULT_COAP_PORT, null, DEFAULT_MAX_PACKET_SIZE, DEFAULT_MAX_ROUTES);
    }

    /** A copy with another CoAP port. */
    public TunnelConfig withCoapPort(int port) {
        return new TunnelConfig(bindAddress, port, defaultJrcAddress, maxPacketSize, maxRoutes);
    }

    /** A copy with a default JRC mesh address. */
    public TunnelConfig withDefaultJrcAddress(Inet6Address address) {
        return new TunnelConfig(bindAddress, coapPort, address, maxPacketSize, maxRoutes);
    }

    /** A copy with another packet size limit. */
    public TunnelConfig withMaxPacketSize(int size) {
        return new TunnelConfig(bindAddress, coapPort, defaultJrcAddress, size, maxRoutes);
    }

    /** A copy with another route table bound. */
    public TunnelConfig withMaxRoutes(int routes) {
        return new TunnelConfig(bindAddress, coapPort, defaultJrcAddress, maxPacketSize, routes);
    }

    /** The largest CoAP message that still fits {@link #maxPacketSize} once wrapped in IPv6 and UDP. */
    public int maxCoapMessageSize() {
        return maxPacketSize - Ipv6Packet.HEADER_LENGTH - UdpDatagram.HEADER_LENGTH;
    }
}
