package io.sixjoin.bridge;

import io.sixjoin.bridge.pcap.PacketCapture;
import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.lowpan.Fragmenter;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.openwsn.HostFrame;
import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IPv6 to mesh: each packet from the uplink is checked (multicast and ICMPv6 Destination Unreachable never go
 * into an OpenWSN mesh; the latter crashed motes), given a strict source route from the DAO table (link-local
 * destinations are one hop away by definition), compressed the way OpenWSN firmware accepts (page 1, RH3-6LoRH,
 * UDP inline), fragmented to {@code fragmentSize} bytes and sent as 'D' frames to the first hop. Packets
 * addressed to the bridge itself (its own 6LBR join) are handed to the session instead. Every refusal is a
 * counted {@link BridgeStats.Drop}; a missing route also logs a line, since that is what a user debugs. Runs on
 * the bridge's event loop.
 */
final class DownstreamPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DownstreamPipeline.class);
    private static final int ICMPV6_DESTINATION_UNREACHABLE = 1;

    private final Mesh mesh;
    private final PacketCapture capture;
    private final BridgeStats stats;
    private final Predicate<HostFrame> toMote;
    private final Consumer<Ipv6Packet> toBridge;
    private final Fragmenter fragmenter;
    private int tag;

    /**
     * @param toMote   sends one host frame; false if the serial line refused it
     * @param toBridge takes packets addressed to the bridge's own address
     */
    DownstreamPipeline(Mesh mesh, PacketCapture capture, BridgeStats stats, int fragmentSize,
            Predicate<HostFrame> toMote, Consumer<Ipv6Packet> toBridge) {
        this.mesh = Objects.requireNonNull(mesh);
        this.capture = Objects.requireNonNull(capture);
        this.stats = Objects.requireNonNull(stats);
        this.toMote = Objects.requireNonNull(toMote);
        this.toBridge = Objects.requireNonNull(toBridge);
        this.fragmenter = new Fragmenter(fragmentSize);
    }

    /** Handles one packet from the uplink (or from the mesh, for mote-to-mote traffic). */
    void accept(byte[] bytes, boolean isRoot, long nowMillis) {
        Ipv6Packet packet;
        try {
            packet = Ipv6Packet.parse(bytes);
        } catch (Ipv6FormatException e) {
            stats.drop(BridgeStats.Drop.BAD_IPV6);
            LOG.debug("packet from the uplink dropped: {}", e.getMessage());
            return;
        }
        Inet6Address dst = packet.destination();
        if (mesh.isOwn(dst)) {
            toBridge.accept(packet);
            return;
        }
        if (dst.isMulticastAddress()) {
            stats.drop(BridgeStats.Drop.MULTICAST);
            return;
        }
        if (packet.nextHeader() == Ipv6Packet.ICMPV6 && packet.payload().length > 0
                && (packet.payload()[0] & 0xFF) == ICMPV6_DESTINATION_UNREACHABLE) {
            stats.drop(BridgeStats.Drop.UNREACHABLE_TO_MESH);
            return;
        }
        if (!isRoot || !mesh.rootKnown()) {
            stats.drop(BridgeStats.Drop.NOT_ROOT);
            LOG.debug("packet for {} dropped: the mote is not DAGroot yet", dst.getHostAddress());
            return;
        }
        List<Inet6Address> hops;
        long nextHop;
        if (dst.isLinkLocalAddress()) {
            hops = List.of();
            nextHop = Mesh.iid(dst);
        } else {
            Optional<List<Inet6Address>> path = mesh.routes().flatMap(t -> t.routeTo(dst, nowMillis));
            if (path.isEmpty() || path.get().isEmpty()) {
                stats.drop(BridgeStats.Drop.NO_ROUTE);
                LOG.info("no source route to {} (no DAO from it or a parent yet; {} motes known): packet dropped",
                        dst.getHostAddress(), mesh.knownMotes());
                return;
            }
            hops = path.get().subList(0, path.get().size() - 1);
            nextHop = Mesh.iid(path.get().get(0));
        }
        List<byte[]> frames;
        try {
            LowpanCodec.Compressed compressed = LowpanCodec.compress(MeshPacket.downstream(packet, hops),
                    mesh.context(mesh.rootEui(), nextHop), LowpanCodec.Options.OPENWSN);
            frames = fragmenter.fragment(compressed, tag++ & 0xFFFF);
        } catch (IllegalArgumentException e) {
            stats.drop(BridgeStats.Drop.BAD_IPV6);
            LOG.info("packet for {} cannot be sent into the mesh: {}", dst.getHostAddress(), e.getMessage());
            return;
        }
        // The IPv6 capture already has this packet: the uplink wrapper or the upstream pipeline recorded it.
        byte[] root = Mesh.bytes(mesh.rootEui());
        byte[] next = Mesh.bytes(nextHop);
        for (byte[] frame : frames) {
            capture.lowpan(root, next, frame);
            if (!toMote.test(new HostFrame.DataDown(nextHop, frame))) {
                return;
            }
        }
        stats.packetDown();
    }
}
