package io.sixjoin.stack.ipv6;

import java.util.Objects;

/**
 * The one way {@link Ipv6Packet} and {@link UdpDatagram} decoders report hostile or broken input. Every
 * reason maps to the same outcome on a host that is the packet's final destination: a silent drop, counted
 * by reason (RFC 8200 §4 lets a node send ICMPv6 Parameter Problem for some of these, but the JRC and the
 * bridges never do, so they cannot be used to reflect traffic into a constrained mesh). The message carries
 * the offending values so an operator reading a counter dump or a debug log can tell a misconfigured bridge
 * (wrong framing, IPv4 instead of IPv6) from line noise.
 */
public final class Ipv6FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a packet was refused; stable names, used as counter keys. */
    public enum Reason {
        /** Fewer bytes than a header or a declared length needs. */
        TRUNCATED,
        /** The IP version nibble is not 6: often an IPv4 packet, or a link-layer header left in front. */
        BAD_VERSION,
        /** RFC 8200 §3 Payload Length disagrees with the bytes actually present (one packet per datagram). */
        PAYLOAD_LENGTH_MISMATCH,
        /** An extension header or upper layer this codec does not handle (Fragment, ESP, AH, ... or not UDP). */
        UNSUPPORTED_NEXT_HEADER,
        /** A Hop-by-Hop header not directly after the IPv6 header, or a Routing header with segments left. */
        BAD_EXTENSION_HEADER,
        /** The UDP length field is below 8 or disagrees with the upper-layer payload length. */
        BAD_UDP_LENGTH,
        /** UDP checksum zero: forbidden for IPv6 by RFC 8200 §8.1 (RFC 6936 tunnels are not in use here). */
        ZERO_CHECKSUM,
        /** The RFC 8200 §8.1 pseudo-header checksum does not verify. */
        BAD_CHECKSUM
    }

    private final Reason reason;

    /**
     * @param reason  why the input was refused
     * @param message what exactly was wrong, with the offending values
     */
    public Ipv6FormatException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** The reason, for counting and for tests. */
    public Reason reason() {
        return reason;
    }

    static void require(boolean condition, Reason reason, String message) throws Ipv6FormatException {
        if (!condition) {
            throw new Ipv6FormatException(reason, message);
        }
    }
}
