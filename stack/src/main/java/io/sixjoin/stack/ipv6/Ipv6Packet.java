package io.sixjoin.stack.ipv6;

import static io.sixjoin.stack.ipv6.Ipv6FormatException.require;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.sixjoin.stack.ipv6.Ipv6FormatException.Reason;

/**
 * An RFC 8200 IPv6 packet reduced to what a final destination needs: the fixed header fields and the
 * upper-layer protocol with its payload. {@link #parse} skips Hop-by-Hop, Routing (only when no segments are
 * left, so we really are the final destination) and Destination Options headers without interpreting their
 * options; {@code nextHeader} is then the upper-layer protocol after them, and {@link #encode} never emits
 * extension headers, so {@code parse(encode(p)).equals(p)} for every packet. Fragment, ESP and AH are refused
 * rather than half-handled: meshes reassemble in 6LoWPAN, below IPv6. Jumbograms (RFC 2675) are not
 * representable ({@code payload} is at most 65535 bytes).
 *
 * @param trafficClass 8-bit traffic class
 * @param flowLabel    20-bit flow label
 * @param nextHeader   upper-layer protocol number (17 UDP, 58 ICMPv6, ...)
 * @param hopLimit     8-bit hop limit
 * @param source       source address
 * @param destination  destination address
 * @param payload      upper-layer payload (the UDP header and data for UDP); copied in and out
 */
public record Ipv6Packet(int trafficClass, int flowLabel, int nextHeader, int hopLimit, Inet6Address source,
        Inet6Address destination, byte[] payload) {
    /** Length of the fixed IPv6 header. */
    public static final int HEADER_LENGTH = 40;
    /** Largest payload without the RFC 2675 Jumbo Payload option. */
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFF;
    /** Protocol numbers (IANA "Assigned Internet Protocol Numbers") this codec knows by name. */
    public static final int HOP_BY_HOP = 0;
    public static final int UDP = 17;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int DESTINATION_OPTIONS = 60;

    public Ipv6Packet {
        checkRange("trafficClass", trafficClass, 0xFF);
        checkRange("flowLabel", flowLabel, 0xFFFFF);
        checkRange("nextHeader", nextHeader, 0xFF);
        checkRange("hopLimit", hopLimit, 0xFF);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes needs a jumbogram");
        }
        payload = payload.clone();
    }

    /** A packet with traffic class and flow label zero, which is what 6LoWPAN elides best. */
    public static Ipv6Packet of(int nextHeader, int hopLimit, Inet6Address source, Inet6Address destination,
            byte[] payload) {
        return new Ipv6Packet(0, 0, nextHeader, hopLimit, source, destination, payload);
    }

    /**
     * Decodes one whole packet: {@code bytes} must hold exactly the header and the payload length it declares.
     *
     * @throws Ipv6FormatException for any malformed or unsupported input, never another exception
     */
    public static Ipv6Packet parse(byte[] bytes) throws Ipv6FormatException {
        require(bytes.length >= HEADER_LENGTH, Reason.TRUNCATED,
                bytes.length + " bytes, the IPv6 header alone needs " + HEADER_LENGTH);
        int version = (bytes[0] & 0xF0) >>> 4;
        require(version == 6, Reason.BAD_VERSION, "version " + version + ", expected 6 (is this IPv4?)");
        int payloadLength = u16(bytes, 4);
        require(payloadLength == bytes.length - HEADER_LENGTH, Reason.PAYLOAD_LENGTH_MISMATCH,
                "payload length says " + payloadLength + ", datagram carries " + (bytes.length - HEADER_LENGTH));
        int trafficClass = ((bytes[0] & 0x0F) << 4) | ((bytes[1] & 0xF0) >>> 4);
        int flowLabel = ((bytes[1] & 0x0F) << 16) | u16(bytes, 2);
        int hopLimit = bytes[7] & 0xFF;
        int next = bytes[6] & 0xFF;
        int offset = HEADER_LENGTH;
        boolean first = true;
        // Each extension header is at least 8 bytes and offset only grows, so this loop is bounded by length/8.
        while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS) {
            require(next != HOP_BY_HOP || first, Reason.BAD_EXTENSION_HEADER,
                    "Hop-by-Hop header at offset " + offset + " must follow the IPv6 header (RFC 8200 §4.3)");
            require(bytes.length - offset >= 8, Reason.TRUNCATED,
                    "extension header " + next + " at offset " + offset + " is cut short");
            int length = ((bytes[offset + 1] & 0xFF) + 1) * 8;
            require(bytes.length - offset >= length, Reason.TRUNCATED, "extension header " + next + " at offset "
                    + offset + " declares " + length + " bytes, " + (bytes.length - offset) + " remain");
            if (next == ROUTING) {
                int segmentsLeft = bytes[offset + 3] & 0xFF;
                require(segmentsLeft == 0, Reason.BAD_EXTENSION_HEADER, "routing header (type "
                        + (bytes[offset + 2] & 0xFF) + ") has " + segmentsLeft + " segments left; we are not the"
                        + " final destination");
            }
            next = bytes[offset] & 0xFF;
            offset += length;
            first = false;
        }
        require(next != FRAGMENT && next != ESP && next != AH, Reason.UNSUPPORTED_NEXT_HEADER,
                "next header " + next + " is not supported (fragments are reassembled below IPv6, in 6LoWPAN)");
        return new Ipv6Packet(trafficClass, flowLabel, next, hopLimit, address(bytes, 8), address(bytes, 24),
                Arrays.copyOfRange(bytes, offset, bytes.length));
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

    /** Writes exactly {@link #encodedLength()} bytes at {@code offset}; nothing else in {@code buffer} changes. */
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
        buffer[offset] = (byte) (0x60 | (trafficClass >>> 4));
        buffer[offset + 1] = (byte) (((trafficClass & 0x0F) << 4) | (flowLabel >>> 16));
        buffer[offset + 2] = (byte) (flowLabel >>> 8);
        buffer[offset + 3] = (byte) flowLabel;
        buffer[offset + 4] = (byte) (payload.length >>> 8);
        buffer[offset + 5] = (byte) payload.length;
        buffer[offset + 6] = (byte) nextHeader;
        buffer[offset + 7] = (byte) hopLimit;
        System.arraycopy(source.getAddress(), 0, buffer, offset + 8, 16);
        System.arraycopy(destination.getAddress(), 0, buffer, offset + 24, 16);
        System.arraycopy(payload, 0, buffer, offset + HEADER_LENGTH, payload.length);
    }

    /** The whole packet as a fresh array. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        emitTo(out, 0);
        return out;
    }

    /**
     * {@link Inet6Address#getByAddress(String, byte[], int)} always yields an {@code Inet6Address}, even for
     * IPv4-mapped bytes where {@code InetAddress.getByAddress} would hand back an {@code Inet4Address}.
     */
    static Inet6Address address(byte[] bytes, int offset) {
        try {
            return Inet6Address.getByAddress(null, Arrays.copyOfRange(bytes, offset, offset + 16), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    private static void checkRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " " + value + " outside 0.." + max);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ipv6Packet p && trafficClass == p.trafficClass && flowLabel == p.flowLabel
                && nextHeader == p.nextHeader && hopLimit == p.hopLimit && source.equals(p.source)
                && destination.equals(p.destination) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trafficClass, flowLabel, nextHeader, hopLimit, source, destination)
                * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Ipv6Packet[" + source.getHostAddress() + " -> " + destination.getHostAddress() + ", nh "
                + nextHeader + ", hl " + hopLimit + ", tc " + trafficClass + ", fl " + flowLabel + ", payload "
                + HexFormat.of().formatHex(payload) + "]";
    }
}
