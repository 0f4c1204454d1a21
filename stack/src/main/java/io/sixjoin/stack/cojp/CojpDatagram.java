package io.sixjoin.stack.cojp;

import java.net.Inet6Address;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A UDP datagram a transport-free CoJP mechanism wants sent, or one it received: the peer's IPv6 address and UDP
 * port, and the CoAP message bytes. The pledge, the Join Proxy and the joined node's server hand these to whoever
 * owns the sockets or the emulated radio, so the mechanisms themselves never do I/O.
 *
 * @param address the peer (destination of an outgoing datagram, source of an incoming one)
 * @param port    the peer's UDP port
 * @param bytes   the CoAP message; owned by the record, do not modify
 */
public record CojpDatagram(Inet6Address address, int port, byte[] bytes) {
    /** RFC 7252 §6.1: every CoJP exchange uses the default CoAP port. */
    public static final int COAP_PORT = 5683;

    public CojpDatagram {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(bytes, "bytes");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("UDP port " + port + " out of range");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CojpDatagram d && address.equals(d.address) && port == d.port
                && java.util.Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, port, java.util.Arrays.hashCode(bytes));
    }

    /** Prints the length only: the bytes may be a Join Response whose ciphertext nobody needs in a log. */
    @Override
    public String toString() {
        return "CojpDatagram[[" + address.getHostAddress() + "]:" + port + ", " + bytes.length + " bytes]";
    }

    /** The bytes as hex, for tests and traces that want them. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }
}
