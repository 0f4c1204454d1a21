package io.sixjoin.stack.rpl;

import static io.sixjoin.stack.rpl.RplFormatException.require;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.sixjoin.stack.ipv6.InternetChecksum;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.rpl.RplFormatException.Reason;

/**
 * An RFC 4443 ICMPv6 message: type, code and the body after the 4-byte header. As with UDP the checksum is
 * not a field: it covers the RFC 8200 §8.1 pseudo-header, so {@link #parse} verifies it and
 * {@link #encode} computes it from the addresses given.
 *
 * <pre>{@code
 * Icmpv6Message m = Icmpv6Message.parse(meshPacket.packet());
 * if (m.type() == Icmpv6Message.TYPE_RPL && m.code() == Dao.CODE) { Dao dao = Dao.parse(m.body()); }
 * }</pre>
 *
 * @param type 8-bit type (155 = RPL control)
 * @param code 8-bit code
 * @param body bytes after type, code and checksum; copied
 */
public record Icmpv6Message(int type, int code, byte[] body) {
    /** RFC 6550 §6: RPL control messages. */
    public static final int TYPE_RPL = 155;

    public Icmpv6Message {
        if (type < 0 || type > 0xFF || code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("type " + type + " / code " + code);
        }
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * Decodes the upper layer of {@code packet}, verifying the checksum.
     *
     * @throws RplFormatException if the packet is not ICMPv6, is too short or fails the checksum
     */
    public static Icmpv6Message parse(Ipv6Packet packet) throws RplFormatException {
        require(packet.nextHeader() == Ipv6Packet.ICMPV6, Reason.NOT_ICMPV6,
                "next header " + packet.nextHeader() + " is not ICMPv6 (58)");
        byte[] m = packet.payload();
        require(m.length >= 4, Reason.TRUNCATED, m.length + " bytes, the ICMPv6 header needs 4");
        require(InternetChecksum.verifies(packet.source(), packet.destination(), Ipv6Packet.ICMPV6, m, 0,
                m.length), Reason.BAD_CHECKSUM, String.format("checksum 0x%02x%02x does not verify", m[2], m[3]));
        return new Icmpv6Message(m[0] & 0xFF, m[1] & 0xFF, Arrays.copyOfRange(m, 4, m.length));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The message with its checksum, for a packet from {@code source} to {@code destination}. */
    public byte[] encode(Inet6Address source, Inet6Address destination) {
        byte[] m = new byte[4 + body.length];
        m[0] = (byte) type;
        m[1] = (byte) code;
        System.arraycopy(body, 0, m, 4, body.length);
        int sum = InternetChecksum.compute(source, destination, Ipv6Packet.ICMPV6, m, 0, m.length);
        m[2] = (byte) (sum >>> 8);
        m[3] = (byte) sum;
        return m;
    }

    /** This message in an IPv6 packet (traffic class and flow label zero). */
    public Ipv6Packet toIpv6(Inet6Address source, Inet6Address destination, int hopLimit) {
        return Ipv6Packet.of(Ipv6Packet.ICMPV6, hopLimit, source, destination, encode(source, destination));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Icmpv6Message m && type == m.type && code == m.code && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return (type * 31 + code) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Icmpv6Message[type " + type + ", code " + code + ", " + HexFormat.of().formatHex(body) + "]";
    }
}
