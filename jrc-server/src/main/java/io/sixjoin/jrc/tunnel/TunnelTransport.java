package io.sixjoin.jrc.tunnel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * How a {@link TunnelConnector} exchanges raw IPv6 packets with radio bridges: the connector does all the
 * packet work (parsing, size and address checks, routes, building answers, counting) and a transport only
 * moves opaque packets between it and the bridges, each bridge named by a {@link SocketAddress} the transport
 * chooses and the route table remembers. Two exist: a UDP socket for bridges in other processes ({@code sixjoin
 * jrc --tunnel}) and {@link InMemoryTunnelTransport} for bridges in the same JVM. A transport delivers inbound
 * packets on one thread of its own, never on the bridge's, so neither side can stall the other, and it must
 * never block {@link #send}: a transport with no room drops, as a full socket buffer would.
 */
public interface TunnelTransport {
    /** Where a transport hands what arrives from bridges; implemented by the connector. */
    interface Inbound {
        /**
         * One packet from {@code bridge}, on the transport's receiver thread. The bytes may be reused by the
         * transport once this returns; {@code length} may exceed the connector's limit, which is its to judge.
         */
        void fromBridge(SocketAddress bridge, byte[] data, int offset, int length);

        /** A packet from {@code bridge} was lost before it could be read because the transport was full. */
        void overflowed(SocketAddress bridge);
    }

    /**
     * Starts delivering to {@code inbound} on the transport's own thread; may be called again after
     * {@link #close}.
     *
     * @param config the connector's settings (bind address, packet size limit)
     * @return the address the connector reports to Californium as its own
     * @throws IOException if the transport cannot be opened
     */
    InetSocketAddress open(TunnelConfig config, Inbound inbound) throws IOException;

    /**
     * Hands one packet to {@code bridge} without waiting for it to be taken.
     *
     * @return false if it was dropped for lack of room
     * @throws IOException if the bridge is unreachable or the transport failed
     */
    boolean send(SocketAddress bridge, byte[] packet) throws IOException;

    /** Stops delivery and ends the receiver thread; idempotent. */
    void close();

    /** Short description for logs, such as the socket address. */
    String describe();
}
