package io.sixjoin.bridge.uplink;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The bridge's way to the JRC and back: raw IPv6 packets (header included, no link layer) go up, and packets
 * for motes come down to the handler given at {@link #start}. Implementations: {@link TunnelUplink} (one UDP
 * datagram per packet to a JRC's {@code --tunnel} endpoint) and, in {@code cli}, an in-process adapter that
 * hands packets straight to a JRC in the same JVM. Bridge tests use a fake. Implementations never interpret
 * the packets; validation is the pipelines' job on the way down and the JRC's on the way up.
 */
public interface Uplink extends Closeable {
    /**
     * Starts delivering packets that come down; called once, before the first {@link #send}.
     *
     * @param downstream called with each packet for the mesh, on the uplink's own thread; must not block long
     */
    void start(Consumer<byte[]> downstream) throws IOException;

    /**
     * Sends one IPv6 packet towards the JRC.
     *
     * @throws IOException if it could not be handed to the network (the caller counts the drop)
     */
    void send(byte[] ipv6Packet) throws IOException;

    /** Where packets go, for the startup line and logs. */
    String describe();

    /** Stops delivery and releases the socket; idempotent. */
    @Override
    void close();
}
