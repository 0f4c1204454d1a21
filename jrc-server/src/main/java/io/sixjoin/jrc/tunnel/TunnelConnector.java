package io.sixjoin.jrc.tunnel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sixjoin.jrc.tunnel.TunnelStats.Drop;
import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;

/**
 * A Californium {@link Connector} whose wire is the bridge tunnel: each packet a {@link TunnelTransport} moves
 * is one raw IPv6 packet (IPv6 + UDP + CoAP, no link layer) to or from a mote, and several bridges may share
 * the transport (a UDP socket by default, or an {@link InMemoryTunnelTransport} for bridges in this JVM).
 * Californium sees each mote's own IPv6 address and port as the peer, never the bridge, so logs,
 * OSCORE contexts and JRC-initiated requests are about motes. Inbound packets teach a {@link TunnelRoutes}
 * table which bridge serves which mote and /64, and which JRC mesh address each mote used; outbound messages
 * are wrapped back (hop limit 64, source port the CoAP port) and sent to that bridge. Input is hostile:
 * anything malformed, oversized, for another port or unanswerable is dropped and counted in
 * {@link #stats()}, and the transport's single receiver thread survives whatever arrives, including a failing
 * receiver. Sending happens on the caller's thread: a UDP send does not wait for the network and the in-memory
 * transport only queues, so a sender queue here would only add a place to lose messages.
 */
public final class TunnelConnector implements Connector {
    /** Hop limit of packets we originate (RFC 8200 leaves it to the node; 64 is the usual default). */
    public static final int HOP_LIMIT = 64;

    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnector.class);

    private final TunnelConfig config;
    private final LongSupplier nanoClock;
    private final TunnelStats stats = new TunnelStats();
    private final TunnelRoutes routes;
    private final TunnelTransport transport;
    private final TunnelTransport.Inbound inbound = new TunnelTransport.Inbound() {
        @Override
        public void fromBridge(SocketAddress bridge, byte[] data, int offset, int length) {
            processPacket(bridge, data, offset, length);
        }

        @Override
        public void overflowed(SocketAddress bridge) {
            // Counted as received too, so that every packet from a bridge still ends in exactly one outcome.
            stats.countReceived();
            drop(Drop.QUEUE_FULL, bridge, "transport queue full");
        }
    };

    private volatile RawDataChannel receiver;
    private volatile EndpointContextMatcher contextMatcher;
    private volatile InetSocketAddress effectiveAddress;
    private volatile boolean running;

    /** A UDP connector on Californium's clock, which is what its deduplicator compares receive times against. */
    public TunnelConnector(TunnelConfig config) {
        this(config, ClockUtil::nanoRealtime);
    }

    /**
     * A connector on a UDP socket bound to {@code config.bindAddress()}.
     *
     * @param config    socket, ports and limits
     * @param nanoClock source of the receive timestamps handed to Californium, in nanoseconds
     */
    public TunnelConnector(TunnelConfig config, LongSupplier nanoClock) {
        this(config, nanoClock, new UdpTunnelTransport());
    }

    /** A connector on Californium's clock over {@code transport}. */
    public TunnelConnector(TunnelConfig config, TunnelTransport transport) {
        this(config, ClockUtil::nanoRealtime, transport);
    }

    /**
     * @param config    ports and limits, and the address reported to Californium
     * @param nanoClock source of the receive timestamps handed to Californium, in nanoseconds
     * @param transport what carries packets to and from the bridges; owned by this connector from now on
     */
    public TunnelConnector(TunnelConfig config, LongSupplier nanoClock, TunnelTransport transport) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.routes = new TunnelRoutes(config.maxRoutes(), config.defaultJrcAddress());
        this.effectiveAddress = config.bindAddress();
    }

    /** Live counters of this connector. */
    public TunnelStats stats() {
        return stats;
    }

    @Override
    public synchronized void start() throws IOException {
        if (running) {
            return;
        }
        effectiveAddress = transport.open(config, inbound);
        running = true;
        LOG.info("tunnel listening on {} ({}) for CoAP port {}", effectiveAddress, transport.describe(),
                config.coapPort());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        // Safe under the lock: the transport's receiver thread, which close() joins, never takes it.
        transport.close();
    }

    @Override
    public void destroy() {
        stop();
        receiver = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public InetSocketAddress getAddress() {
        return effectiveAddress;
    }

    @Override
    public String getProtocol() {
        // Californium derives the "coap" scheme and its UDP context matcher from this name.
        return "UDP";
    }

    @Override
    public void setRawDataReceiver(RawDataChannel messageHandler) {
        this.receiver = messageHandler;
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        this.contextMatcher = matcher;
    }

    /**
     * Handles one datagram from a bridge: never throws, whatever it contains. Public because
     * {@link Connector} says so; transports deliver through the same path.
     */
    @Override
    public void processDatagram(DatagramPacket datagram) {
        processPacket(datagram.getSocketAddress(), datagram.getData(), datagram.getOffset(), datagram.getLength());
    }

    /** The one inbound path of every transport; never throws. */
    private void processPacket(SocketAddress bridge, byte[] data, int offset, int length) {
        stats.countReceived();
        if (length > config.maxPacketSize()) {
            drop(Drop.OVERSIZE, bridge, length + " bytes");
            return;
        }
        RawDataChannel channel = receiver;
        if (channel == null) {
            drop(Drop.NO_RECEIVER, bridge, "no receiver");
            return;
        }
        byte[] bytes = Arrays.copyOfRange(data, offset, offset + length);
        Ipv6Packet packet;
        UdpDatagram udp;
        try {
            packet = Ipv6Packet.parse(bytes);
            udp = UdpDatagram.parse(packet);
        } catch (Ipv6FormatException e) {
            stats.countMalformed(e.reason());
            LOG.debug("tunnel drops packet from bridge {}: {}", bridge, e.getMessage());
            return;
        }
        if (udp.destinationPort() != config.coapPort()) {
            drop(Drop.WRONG_PORT, bridge, "UDP port " + udp.destinationPort());
            return;
        }
        Inet6Address mote = packet.source();
        if (!answerable(mote) || udp.sourcePort() == 0 || packet.destination().isMulticastAddress()) {
            drop(Drop.BAD_ADDRESS, bridge, mote.getHostAddress() + " port " + udp.sourcePort() + " -> "
                    + packet.destination().getHostAddress());
            return;
        }
        routes.learn(mote, packet.destination(), bridge);
        RawData raw = RawData.inbound(udp.payload(), new UdpEndpointContext(new InetSocketAddress(mote,
                udp.sourcePort())), false, nanoClock.getAsLong(), effectiveAddress);
        try {
            channel.receiveData(raw);
            stats.countDelivered();
        } catch (RuntimeException e) {
            stats.countDrop(Drop.RECEIVER_FAILED);
            LOG.warn("Californium failed on a message from {}", mote.getHostAddress(), e);
        }
    }

    /**
     * Wraps one CoAP message for the mote in its endpoint context and sends it to that mote's bridge. Failures
     * reach Californium through {@link RawData#onError}, never as exceptions.
     */
    @Override
    public void send(RawData message) {
        Objects.requireNonNull(message, "message");
        if (!running) {
            refuse(message, Drop.NOT_RUNNING, new InterruptedIOException("tunnel connector is not running"));
            return;
        }
        InetSocketAddress destination = message.getInetSocketAddress();
        InetAddress address = destination.getAddress();
        if (!(address instanceof Inet6Address mote) || !answerable(mote) || destination.getPort() == 0) {
            refuse(message, Drop.BAD_ADDRESS, new IOException("the tunnel carries unicast IPv6 to a port only, not "
                    + destination));
            return;
        }
        Optional<TunnelRoutes.Hop> hop = routes.lookup(mote);
        if (hop.isEmpty()) {
            refuse(message, Drop.NO_BRIDGE, new IOException("no bridge knows " + mote.getHostAddress()));
            return;
        }
        EndpointContext connection = new UdpEndpointContext(destination);
        EndpointContextMatcher matcher = contextMatcher;
        if (matcher != null && !matcher.isToBeSent(message.getEndpointContext(), connection)) {
            refuse(message, Drop.ENDPOINT_MISMATCH, new EndpointMismatchException("tunnel sending"));
            return;
        }
        byte[] coap = message.getBytes();
        if (coap.length > config.maxCoapMessageSize()) {
            refuse(message, Drop.OVERSIZE, new IOException(coap.length + "-byte CoAP message exceeds the tunnel's "
                    + config.maxCoapMessageSize() + "-byte limit"));
            return;
        }
        byte[] packet = new UdpDatagram(config.coapPort(), destination.getPort(), coap)
                .toIpv6(hop.get().jrcAddress(), mote, HOP_LIMIT).encode();
        try {
            // Same order as Californium's UDPConnector: the context is settled before the bytes leave.
            message.onContextEstablished(connection);
            if (!transport.send(hop.get().bridge(), packet)) {
                refuse(message, Drop.QUEUE_FULL, new IOException("bridge " + hop.get().bridge() + " lags behind"));
                return;
            }
            stats.countSent();
            message.onSent();
        } catch (IOException e) {
            refuse(message, Drop.SEND_FAILED, e);
        }
    }

    /** Motes the route table currently remembers, for the JRC's {@code stats} output. */
    public int knownMotes() {
        return routes.moteCount();
    }

    /** /64 prefixes the route table currently remembers. */
    public int knownPrefixes() {
        return routes.prefixCount();
    }

    private static boolean answerable(Inet6Address address) {
        return !address.isMulticastAddress() && !address.isAnyLocalAddress();
    }

    private void refuse(RawData message, Drop drop, Exception error) {
        stats.countDrop(drop);
        LOG.debug("tunnel drops message to {}: {}", message.getInetSocketAddress(), error.getMessage());
        message.onError(error);
    }

    private void drop(Drop drop, SocketAddress bridge, String detail) {
        stats.countDrop(drop);
        LOG.debug("tunnel drops datagram from bridge {}: {} ({})", bridge, drop, detail);
    }

    @Override
    public String toString() {
        return "TunnelConnector[" + effectiveAddress + ", coap port " + config.coapPort() + "]";
    }
}
