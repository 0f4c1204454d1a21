package io.sixjoin.stack.ipv6;

import static io.sixjoin.stack.ipv6.Ipv6FormatException.require;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.sixjoin.stack.ipv6.Ipv6FormatException.Reason;

/**
 * An RFC 768 UDP datagram as carried in IPv6. The checksum is not a field: it depends on the enclosing
 * packet's addresses (RFC 8200 §8.1 pseudo-header), so {@link #emitTo} computes it from the addresses it is
 * given and {@link #parse} verifies it, refusing a zero checksum, which RFC 8200 forbids for IPv6. A parsed
 * datagram therefore always re-encodes to the same bytes.
 *
 * @param sourcePort      16-bit source port
 * @param destinationPort 16-bit destination port
 * @param payload         application data; copied in and out
 */
public record UdpDatagram(int sourcePort, int destinationPort, byte[] payload) {
    /** Length of the UDP header. */
    public static final int HEADER_LENGTH = 8;
    /** Largest payload whose length still fits the 16-bit length field. */
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFF - HEADER_LENGTH;

    public UdpDatagram {
        if (sourcePort < 0 || sourcePort > 0xFFFF || destinationPort < 0 || destinationPort > 0xFFFF) {
            throw new IllegalArgumentException("ports " + sourcePort + ", " + destinationPort + " outside 0..65535");
        }
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit UDP");
        }
        payload = payload.clone();
    }

    /**
     * Decodes the upper-layer payload of {@code packet}, which must be UDP.
     *
     * @throws Ipv6FormatException if the packet is not UDP or the datagram is malformed, never another exception
     */
    public static UdpDatagram parse(Ipv6Packet packet) throws Ipv6FormatException {
        require(packet.nextHeader() == Ipv6Packet.UDP, Reason.UNSUPPORTED_NEXT_HEADER,
                "upper layer " + packet.nextHeader() + " is not UDP (17)");
        return parse(packet.payload(), packet.source(), packet.destination());
    }

    /**
     * Decodes one datagram, {@code segment} being exactly the IPv6 upper-layer payload, and verifies its
     * checksum against the addresses it travelled between.
     *
     * @throws Ipv6FormatException for any malformed input or checksum failure, never another exception
     */
    public static UdpDatagram parse(byte[] segment, Inet6Address source, Inet6Address destination)
            throws Ipv6FormatException {
        require(segment.length >= HEADER_LENGTH, Reason.TRUNCATED,
                segment.length + " bytes, the UDP header alone needs " + HEADER_LENGTH);
        int length = u16(segment, 4);
        // RFC 8200 §8.4 makes the IPv6 payload length authoritative; a disagreeing UDP length is corruption.
        require(length == segment.length, Reason.BAD_UDP_LENGTH,
                "UDP length says " + length + ", IPv6 carries " + segment.length + " bytes of UDP");
        int checksum = u16(segment, 6);
        require(checksum != 0, Reason.ZERO_CHECKSUM, "zero UDP checksum from " + source.getHostAddress());
        require(InternetChecksum.verifies(source, destination, Ipv6Packet.UDP, segment, 0, segment.length),
                Reason.BAD_CHECKSUM, String.format("checksum 0x%04x does not verify for %s -> %s", checksum,
                        source.getHostAddress(), destination.getHostAddress()));
        return new UdpDatagram(u16(segment, 0), u16(segment, 2),
                Arrays.copyOfRange(segment, HEADER_LENGTH, segment.length));
    }

    /** The payload, copied. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Bytes {@link #emitTo} writes. */
    public int encodedLength() {
        return HEADER_LENGTH + payload.length;
    }

    /**
     * Writes exactly {@link #encodedLength()} bytes at {@code offset}, checksum included for a packet from
     * {@code source} to {@code destination}; nothing else in {@code buffer} changes.
     */
    public void emitTo(byte[] buffer, int offset, Inet6Address source, Inet6Address destination) {
        int length = encodedLength();
        Objects.checkFromIndexSize(offset, length, buffer.length);
        put16(buffer, offset, sourcePort);
        put16(buffer, offset + 2, destinationPort);
        put16(buffer, offset + 4, length);
        put16(buffer, offset + 6, 0);
        System.arraycopy(payload, 0, buffer, offset + HEADER_LENGTH, payload.length);
        put16(buffer, offset + 6,
                InternetChecksum.compute(source, destination, Ipv6Packet.UDP, buffer, offset, length));
    }

    /** The datagram, checksum included, as a fresh array. */
    public byte[] encode(Inet6Address source, Inet6Address destination) {
        byte[] out = new byte[encodedLength()];
        emitTo(out, 0, source, destination);
        return out;
    }

    /** This datagram inside an IPv6 packet (traffic class and flow label zero). */
    public Ipv6Packet toIpv6(Inet6Address source, Inet6Address destination, int hopLimit) {
        return Ipv6Packet.of(Ipv6Packet.UDP, hopLimit, source, destination, encode(source, destination));
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    private static void put16(byte[] buffer, int offset, int value) {
        buffer[offset] = (byte) (value >>> 8);
        buffer[offset + 1] = (byte) value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UdpDatagram d && sourcePort == d.sourcePort && destinationPort == d.destinationPort
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return (sourcePort * 31 + destinationPort) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UdpDatagram[" + sourcePort + " -> " + destinationPort + ", payload "
                + HexFormat.of().formatHex(payload) + "]";
    }
}
